package dev.lightstream.protocol.protobuf;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.lightstream.protocol.InvalidPayloadException;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.RawMessage;
import java.io.IOException;
import java.util.Objects;

/**
 * A message channel of one Protobuf message type: the name and the type's parser. Immutable and
 * thread-safe.
 *
 * {@snippet :
 * ProtobufChannel<Struct> commands = ProtobufChannel.of("command", Struct.parser());
 * commands.register(connection);
 * commands.send(connection, Struct.newBuilder()
 *         .putFields("verb", Value.newBuilder().setStringValue("restart").build()).build());
 * ...
 * try (LightstreamMessage received = connection.receive()) {
 *     if (commands.accepts(received)) {
 *         Struct command = commands.decode((RawMessage) received);
 *     }
 * }
 * }
 *
 * @param <T> the message type
 */
public final class ProtobufChannel<T extends MessageLite> {
    private final String name;
    private final Parser<T> parser;

    private ProtobufChannel(String name, Parser<T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** A channel named {@code name} of the messages {@code parser} parses (e.g. {@code Command.parser()}). */
    public static <T extends MessageLite> ProtobufChannel<T> of(String name, Parser<T> parser) {
        return new ProtobufChannel<>(name, parser);
    }

    public String name() {
        return name;
    }

    /** Registers the name as a message type on {@code connection}. */
    public void register(LightstreamConnection connection) {
        connection.registerMessage(name);
    }

    /** Sends {@code message} (queued like any small message until the connection's flush). */
    public void send(LightstreamConnection connection, T message) throws IOException {
        ProtobufPayloads.send(connection, name, message);
    }

    /** True if {@code message} is a message of this channel. */
    public boolean accepts(LightstreamMessage message) {
        return message instanceof RawMessage raw && raw.name().equals(name);
    }

    /**
     * The Protobuf message in {@code message}; the message stays the caller's to close.
     *
     * @throws IllegalArgumentException if the message is of another channel
     * @throws InvalidPayloadException if the payload does not parse
     */
    public T decode(RawMessage message) throws InvalidPayloadException {
        if (!message.name().equals(name)) {
            throw new IllegalArgumentException("message '" + message.name() + "' is not of channel '" + name + "'");
        }
        return ProtobufPayloads.parse(message, parser);
    }

    @Override
    public String toString() {
        return "ProtobufChannel[" + name + "]";
    }
}
