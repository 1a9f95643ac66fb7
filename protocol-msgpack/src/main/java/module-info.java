/** MessagePack payloads on Lightstream protocol message channels. */
module dev.lightstream.protocol.msgpack {
    requires transitive dev.lightstream.core;
    requires transitive msgpack.core;

    exports dev.lightstream.protocol.msgpack;
}
