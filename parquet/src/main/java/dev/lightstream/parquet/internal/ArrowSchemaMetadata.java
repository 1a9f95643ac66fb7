package dev.lightstream.parquet.internal;

import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.ipc.IpcMessage;
import dev.lightstream.ipc.StreamDecoder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Base64;

/**
 * The {@code ARROW:schema} footer key that Arrow C++ (and so pyarrow) writes and reads: the Arrow
 * schema as an IPC schema message, Base64-encoded, so that the types Parquet cannot tell apart come
 * back exactly.
 *
 * <pre>
 *   value   := base64(message)
 *   message := 0xFFFFFFFF (continuation) | int32 LE length | Message flatbuffer (header Schema), padded to 8
 * </pre>
 *
 * <p>The message is made and parsed by the core's IPC stream writer and decoder, so it is exactly
 * what an Arrow stream starts with.
 */
public final class ArrowSchemaMetadata {
    /** The footer key. */
    public static final String KEY = "ARROW:schema";
    /** The longest value decoded: a schema message is metadata only, and the footer is untrusted. */
    private static final int MAX_BYTES = 16 << 20;

    private ArrowSchemaMetadata() {}

    /** The footer value for {@code schema}. */
    public static String encode(Schema schema) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (BufferAllocator allocator = BufferAllocator.create();
                ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(bytes), schema, allocator)) {
            writer.start();
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a schema in memory", e); // a byte array does not fail
        }
    }

    /**
     * The schema in a footer value, or null when the value is not a well-formed schema message
     * (a file is still readable through its Parquet types then).
     */
    public static Schema decode(String value) {
        if (value == null || value.length() > MAX_BYTES / 3 * 4 + 4) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (BufferAllocator allocator = BufferAllocator.create(1 << 20);
                StreamDecoder decoder = new StreamDecoder(allocator)) {
            return decoder.decode(ByteBuffer.wrap(bytes)) instanceof IpcMessage.SchemaMessage s ? s.schema() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
