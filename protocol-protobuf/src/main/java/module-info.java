/** Protobuf payloads on Lightstream protocol message channels. */
module dev.lightstream.protocol.protobuf {
    requires transitive dev.lightstream.core;
    requires transitive com.google.protobuf;

    exports dev.lightstream.protocol.protobuf;
}
