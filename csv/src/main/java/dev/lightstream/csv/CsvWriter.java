package dev.lightstream.csv;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.csv.internal.RowWriter;
import dev.lightstream.schema.Schema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A writer of Arrow record batches as CSV text (UTF-8), for every type of the model.
 *
 * <p>Fields are quoted only when they must be: when they hold the delimiter, the quote or a line
 * break, or when they would read back as null (an empty string, the null token, NA, null, NULL).
 * Nulls are written as the null token. Dates, times and timestamps are ISO-8601 (a timestamp with a
 * time zone as its UTC instant with {@code Z}); decimals in plain notation; binaries in hex or
 * Base64; {@code arrow.uuid} in canonical form; lists, structs, maps, unions and intervals as JSON
 * text; dictionary and run-end encoded values as their values. Not thread-safe.
 *
 * {@snippet :
 * try (CsvWriter writer = CsvWriter.open(Path.of("out.csv"), schema, CsvWriteOptions.defaults())) {
 *     writer.write(batch);   // the batch stays the caller's
 * }
 * }
 */
public final class CsvWriter implements AutoCloseable {
    private final OutputStream out;
    private final RowWriter rows;
    private final Schema schema;
    private boolean closed;

    private CsvWriter(OutputStream out, Schema schema, CsvWriteOptions options) throws IOException {
        this.out = out;
        this.schema = schema;
        this.rows = new RowWriter(out, options.delimiter(), options.quote(), options.nullToken(),
                options.lineSeparator(), options.binaryEncoding(), options.quoteAll());
        if (options.header()) {
            rows.header(schema);
        }
    }

    /** A writer of a new file at {@code path} (replacing any file there); the header is written at once. */
    public static CsvWriter open(Path path, Schema schema, CsvWriteOptions options) throws IOException {
        return open(Files.newOutputStream(path), schema, options);
    }

    /** A writer to {@code out}, which it closes when it is closed. */
    public static CsvWriter open(OutputStream out, Schema schema, CsvWriteOptions options) throws IOException {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        OutputStream buffered = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 1 << 16);
        try {
            return new CsvWriter(buffered, schema, options);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    /** A writer to {@code channel}, which it closes when it is closed. */
    public static CsvWriter open(WritableByteChannel channel, Schema schema, CsvWriteOptions options)
            throws IOException {
        return open(Channels.newOutputStream(channel), schema, options);
    }

    /** A writer of characters to {@code writer}, which it closes when it is closed. */
    public static CsvWriter open(Writer writer, Schema schema, CsvWriteOptions options) throws IOException {
        Objects.requireNonNull(writer, "writer");
        OutputStream utf8 = new OutputStream() {
            private final java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(8192);
            private java.nio.ByteBuffer rest = java.nio.ByteBuffer.allocate(0);

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                // A character may be split between two calls: its first bytes wait in rest.
                java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(rest.remaining() + len).put(rest).put(b, off, len).flip();
                while (true) {
                    java.nio.charset.CoderResult result = decoder.decode(in, chars, false);
                    chars.flip();
                    writer.append(chars);
                    chars.clear();
                    if (result.isUnderflow()) {
                        break;
                    }
                    if (result.isError()) {
                        result.throwException();
                    }
                }
                rest = in;
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
        return open(utf8, schema, options);
    }

    public Schema schema() {
        return schema;
    }

    /**
     * Appends the rows of {@code batch}.
     *
     * @throws IllegalArgumentException if the batch's schema is not the writer's
     */
    public void write(RecordBatch batch) throws IOException {
        Objects.requireNonNull(batch, "batch");
        if (closed) {
            throw new IllegalStateException("CSV writer is closed");
        }
        if (!batch.schema().fields().equals(schema.fields())) {
            throw new IllegalArgumentException("batch schema " + batch.schema() + " is not the writer's " + schema);
        }
        rows.write(batch);
    }

    /** Flushes and closes the output. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
