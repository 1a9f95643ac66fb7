/**
 * Protobuf payloads for the Lightstream protocol, over protobuf-java: send a message on a message
 * channel, parse a received {@link dev.lightstream.protocol.RawMessage} with the message type's
 * parser. {@link dev.lightstream.protocol.protobuf.ProtobufChannel} binds a name to a message type;
 * {@link dev.lightstream.protocol.protobuf.ProtobufPayloads} is the untyped layer under it.
 *
 * {@snippet :
 * ProtobufChannel<Command> commands = ProtobufChannel.of("command", Command.parser());
 * commands.register(connection);
 * commands.send(connection, Command.newBuilder().setVerb("restart").build());
 * }
 */
package dev.lightstream.protocol.protobuf;
