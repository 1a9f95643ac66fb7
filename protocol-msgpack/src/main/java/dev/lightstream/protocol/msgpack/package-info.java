/**
 * MessagePack payloads for the Lightstream protocol, over msgpack-core: pack and send a value on a
 * message channel, unpack a received {@link dev.lightstream.protocol.RawMessage} in place.
 * {@link dev.lightstream.protocol.msgpack.MessagePackChannel} binds a name to a value type;
 * {@link dev.lightstream.protocol.msgpack.MessagePackPayloads} is the untyped layer under it.
 *
 * {@snippet :
 * MessagePackChannel<Command> commands = MessagePackChannel.of("command",
 *         (command, packer) -> packer.packString(command.verb()).packInt(command.count()),
 *         unpacker -> new Command(unpacker.unpackString(), unpacker.unpackInt()));
 * commands.register(connection);
 * commands.send(connection, new Command("restart", 3));
 * }
 */
package dev.lightstream.protocol.msgpack;
