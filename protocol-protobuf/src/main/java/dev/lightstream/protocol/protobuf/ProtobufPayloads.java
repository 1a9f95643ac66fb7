package dev.lightstream.protocol.protobuf;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.lightstream.protocol.InvalidPayloadException;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.RawMessage;
import java.io.IOException;
import java.util.Objects;

/**
 * Protobuf payloads on message channels: what {@link ProtobufChannel} is built on.
 *
 * {@snippet :
 * ProtobufPayloads.send(connection, "when", Timestamp.newBuilder().setSeconds(1_700_000_000).build());
 * Timestamp when = ProtobufPayloads.parse(received, Timestamp.parser());
 * }
 *
 * <p>Parsing reads the payload where it lies (the parser gets a read-only view of the block the
 * bytes landed in); a payload that does not parse raises {@link InvalidPayloadException} naming the
 * channel, never an unchecked exception.
 */
public final class ProtobufPayloads {
    private ProtobufPayloads() {}

    /**
     * Serializes {@code message} and sends it as a message of {@code name} (queued like any small
     * message until the connection's flush).
     */
    public static void send(LightstreamConnection connection, String name, MessageLite message) throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(message, "message");
        connection.send(name, message.toByteArray());
    }

    /**
     * Parses {@code message}'s payload with {@code parser}.
     *
     * @throws InvalidPayloadException if the payload is not a valid message of the parser's type
     *     (missing required fields of proto2 messages included)
     */
    public static <T> T parse(RawMessage message, Parser<T> parser) throws InvalidPayloadException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(parser, "parser");
        try {
            return parser.parseFrom(message.asByteBuffer());
        } catch (IOException | RuntimeException e) {
            throw new InvalidPayloadException(message.name(), "not a valid Protobuf message: " + e.getMessage(), e);
        }
    }
}
