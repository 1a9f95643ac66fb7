package dev.lightstream.protocol.msgpack;

import dev.lightstream.protocol.InvalidPayloadException;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.RawMessage;
import java.io.IOException;
import java.util.Objects;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * MessagePack payloads on message channels: what {@link MessagePackChannel} is built on, for
 * callers that pack and unpack by hand.
 *
 * {@snippet :
 * MessagePackPayloads.send(connection, "point", packer -> packer.packArrayHeader(2).packInt(3).packInt(4));
 * int[] point = MessagePackPayloads.unpack(received, unpacker -> {
 *     unpacker.unpackArrayHeader();
 *     return new int[] {unpacker.unpackInt(), unpacker.unpackInt()};
 * });
 * }
 *
 * <p>Unpacking reads a heap copy of the payload (msgpack-core reads direct memory only through JDK
 * internals that need {@code --add-opens}) and requires the action to consume all of it: a payload that is not MessagePack, holds a value of another shape, or has bytes left over
 * raises {@link InvalidPayloadException} naming the channel, never an unchecked exception.
 */
public final class MessagePackPayloads {
    private MessagePackPayloads() {}

    /** Writes one value (or several) with a packer. */
    @FunctionalInterface
    public interface PackAction {
        void pack(MessagePacker packer) throws IOException;
    }

    /** Reads a value with an unpacker. */
    @FunctionalInterface
    public interface UnpackAction<T> {
        T unpack(MessageUnpacker unpacker) throws IOException;
    }

    /** The bytes {@code action} packs. */
    public static byte[] pack(PackAction action) throws IOException {
        Objects.requireNonNull(action, "action");
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            action.pack(packer);
            packer.flush();
            return packer.toByteArray();
        }
    }

    /**
     * Packs with {@code action} and sends the bytes as a message of {@code name} (queued like any
     * small message until the connection's flush).
     */
    public static void send(LightstreamConnection connection, String name, PackAction action) throws IOException {
        Objects.requireNonNull(connection, "connection");
        connection.send(name, pack(action));
    }

    /**
     * Unpacks {@code message}'s payload with {@code action}, which must read all of it.
     *
     * @throws InvalidPayloadException if the payload is not what {@code action} reads, or bytes are left over
     */
    public static <T> T unpack(RawMessage message, UnpackAction<T> action) throws InvalidPayloadException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
        // A heap copy: msgpack-core reads direct memory only through JDK internals that are closed
        // without --add-opens (sun.nio.ch.DirectBuffer), and a message is small next to a table.
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(message.toByteArray())) {
            T value = action.unpack(unpacker);
            if (unpacker.hasNext()) {
                throw new InvalidPayloadException(message.name(), (message.length() - unpacker.getTotalReadBytes())
                        + " of " + message.length() + " payload bytes follow the value", null);
            }
            return value;
        } catch (InvalidPayloadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // msgpack-core reports bad input with unchecked exceptions (MessageTypeException,
            // MessageInsufficientBufferException...): all are the peer's bytes, so all are checked here.
            throw new InvalidPayloadException(message.name(), "not the MessagePack value expected: " + e, e);
        }
    }
}
