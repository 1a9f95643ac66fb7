/** Examples of the Lightstream API: the programs the README's quick start is cut from. */
module dev.lightstream.examples {
    requires dev.lightstream.core;
    requires dev.lightstream.protocol.msgpack;
}
