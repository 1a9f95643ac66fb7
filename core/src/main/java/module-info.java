/**
 * Lightstream core: 64-byte-aligned memory, the Arrow columnar model, Arrow IPC, the framing
 * layer, the JDK transports and the Lightstream protocol.
 */
module dev.lightstream.core {
    requires org.apache.arrow.format;

    exports dev.lightstream.memory;
    exports dev.lightstream.schema;
    exports dev.lightstream.array;
    exports dev.lightstream.codec;
    exports dev.lightstream.codec.tlv;
    exports dev.lightstream.ipc;
    exports dev.lightstream.transport;
    exports dev.lightstream.transport.tcp;
    exports dev.lightstream.transport.unix;
    exports dev.lightstream.transport.stdio;
    exports dev.lightstream.transport.tls;
    exports dev.lightstream.net;
    exports dev.lightstream.protocol;

    uses dev.lightstream.ipc.CompressionCodec;
}
