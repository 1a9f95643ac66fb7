package dev.lightstream.protocol.msgpack;

import dev.lightstream.protocol.InvalidPayloadException;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.RawMessage;
import java.io.IOException;
import java.util.Objects;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * A message channel of values of one type, packed as MessagePack: the name, and how a value packs
 * and unpacks. Immutable and thread-safe; share one instance between both sides' code.
 *
 * {@snippet :
 * record Command(String verb, int count) {}
 * MessagePackChannel<Command> commands = MessagePackChannel.of("command",
 *         (command, packer) -> packer.packString(command.verb()).packInt(command.count()),
 *         unpacker -> new Command(unpacker.unpackString(), unpacker.unpackInt()));
 *
 * commands.register(connection);                       // registers "command" as a message type
 * commands.send(connection, new Command("restart", 3));
 * ...
 * try (LightstreamMessage received = connection.receive()) {
 *     if (commands.accepts(received)) {
 *         Command command = commands.decode((RawMessage) received);
 *     }
 * }
 * }
 *
 * @param <T> the value type
 */
public final class MessagePackChannel<T> {
    /** How a value is written. */
    @FunctionalInterface
    public interface Packer<T> {
        void pack(T value, MessagePacker packer) throws IOException;
    }

    /** How a value is read back; it must read exactly what the packer wrote. */
    @FunctionalInterface
    public interface Unpacker<T> {
        T unpack(MessageUnpacker unpacker) throws IOException;
    }

    private final String name;
    private final Packer<T> packer;
    private final Unpacker<T> unpacker;

    private MessagePackChannel(String name, Packer<T> packer, Unpacker<T> unpacker) {
        this.name = Objects.requireNonNull(name, "name");
        this.packer = Objects.requireNonNull(packer, "packer");
        this.unpacker = Objects.requireNonNull(unpacker, "unpacker");
    }

    /** A channel named {@code name} of values written by {@code packer} and read by {@code unpacker}. */
    public static <T> MessagePackChannel<T> of(String name, Packer<T> packer, Unpacker<T> unpacker) {
        return new MessagePackChannel<>(name, packer, unpacker);
    }

    public String name() {
        return name;
    }

    /** Registers the name as a message type on {@code connection}. */
    public void register(LightstreamConnection connection) {
        connection.registerMessage(name);
    }

    /** Packs {@code value} and sends it (queued like any small message until the connection's flush). */
    public void send(LightstreamConnection connection, T value) throws IOException {
        Objects.requireNonNull(value, "value");
        MessagePackPayloads.send(connection, name, p -> packer.pack(value, p));
    }

    /** True if {@code message} is a message of this channel. */
    public boolean accepts(LightstreamMessage message) {
        return message instanceof RawMessage raw && raw.name().equals(name);
    }

    /**
     * The value in {@code message}; the message stays the caller's to close.
     *
     * @throws IllegalArgumentException if the message is of another channel
     * @throws InvalidPayloadException if the payload is not a value of this channel
     */
    public T decode(RawMessage message) throws InvalidPayloadException {
        if (!message.name().equals(name)) {
            throw new IllegalArgumentException("message '" + message.name() + "' is not of channel '" + name + "'");
        }
        return MessagePackPayloads.unpack(message, unpacker::unpack);
    }

    @Override
    public String toString() {
        return "MessagePackChannel[" + name + "]";
    }
}
