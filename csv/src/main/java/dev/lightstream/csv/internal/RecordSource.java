package dev.lightstream.csv.internal;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.csv.BinaryEncoding;
import dev.lightstream.csv.CsvFormatException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The engine of the CSV reader: tokenizer, header, type inference over the first rows (kept and
 * replayed), and the two-step parse of each row into the column builders, so that a bad row is
 * either reported with its place or skipped without leaving part of it behind.
 */
public final class RecordSource implements AutoCloseable {
    /** What the reader was asked for; see {@link dev.lightstream.csv.CsvReadOptions}. */
    public record Settings(boolean header, List<String> columnNames, char delimiter, int quote, int escape,
            Collection<String> nullTokens, Schema schema, int inferRows, boolean inferDecimal,
            Set<String> dictionaryColumns, int batchRows, boolean skipBadRows, BinaryEncoding binaryEncoding,
            int maxRecordBytes, int bufferBytes) {}

    /** A record read ahead for inference. */
    private record Kept(long line, byte[][] fields, boolean[] quoted) {}

    private final ReadableByteChannel channel;
    private final CsvTokenizer tokenizer;
    private final Settings settings;
    private final byte[][] nullTokens;
    /** The longest null token: a longer field is never null, which saves comparing most fields. */
    private final int longestNullToken;
    private final Schema schema;
    private final RecordBatchBuilder builder;
    private final ColumnParser[] parsers;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private long skipped;
    private long rows;
    private boolean failed;
    private boolean closed;

    public RecordSource(ReadableByteChannel channel, BufferAllocator allocator, Settings settings) throws IOException {
        this.channel = channel;
        this.settings = settings;
        this.tokenizer = new CsvTokenizer(channel, (byte) settings.delimiter(), settings.quote(), settings.escape(),
                settings.bufferBytes(), settings.maxRecordBytes());
        this.nullTokens = settings.nullTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.longestNullToken = Arrays.stream(nullTokens).mapToInt(t -> t.length).max().orElse(-1);
        List<String> names = new ArrayList<>();
        boolean more = true;
        if (settings.header()) {
            more = tokenizer.next();
            if (more) {
                for (int i = 0; i < tokenizer.fieldCount(); i++) {
                    names.add(tokenizer.text(i));
                }
            }
        }
        if (!settings.columnNames().isEmpty()) {
            names = new ArrayList<>(settings.columnNames());
        }
        Schema declared = settings.schema();
        if (declared == null) {
            declared = infer(names, more);
        } else if (settings.header() && !names.isEmpty() && names.size() != declared.size()) {
            throw new CsvFormatException(1, 0, null, null, "the header has " + names.size()
                    + " fields but the schema " + declared.size());
        }
        this.schema = withDictionaries(declared, settings.dictionaryColumns());
        this.builder = new RecordBatchBuilder(allocator, schema);
        this.parsers = new ColumnParser[schema.size()];
        try {
            for (int c = 0; c < parsers.length; c++) {
                parsers[c] = ColumnParser.of(builder.column(c), settings.binaryEncoding());
                if (parsers[c] == null) {
                    throw new IllegalArgumentException("field '" + schema.field(c).name() + "' of type "
                            + schema.field(c).type() + " cannot be read from CSV text");
                }
            }
        } catch (RuntimeException e) {
            builder.close();
            throw e;
        }
    }

    /** Reads up to {@code inferRows} records ahead, keeps them, and infers a type per column. */
    private Schema infer(List<String> names, boolean more) throws IOException {
        int columns = names.size();
        List<TypeInference> guesses = new ArrayList<>();
        while (more && kept.size() < settings.inferRows() && tokenizer.next()) {
            int n = tokenizer.fieldCount();
            byte[][] fields = new byte[n][];
            boolean[] quoted = new boolean[n];
            for (int i = 0; i < n; i++) {
                fields[i] = Arrays.copyOfRange(tokenizer.array(i), tokenizer.offset(i),
                        tokenizer.offset(i) + tokenizer.length(i));
                quoted[i] = tokenizer.quoted(i);
            }
            kept.add(new Kept(tokenizer.line(), fields, quoted));
            if (names.isEmpty() && kept.size() == 1) {
                columns = n;
            }
            if (n != columns) {
                continue; // a bad row: reported (or skipped) when it is read
            }
            while (guesses.size() < n) {
                guesses.add(new TypeInference());
            }
            for (int i = 0; i < n; i++) {
                if (quoted[i] || !isNullToken(fields[i], 0, fields[i].length)) {
                    guesses.get(i).observe(fields[i], 0, fields[i].length);
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            String name = i < names.size() ? names.get(i) : "f" + i;
            DataType type = i < guesses.size() ? guesses.get(i).result(settings.inferDecimal()) : DataType.UTF8;
            fields.add(Field.nullable(name, type));
        }
        return Schema.of(fields);
    }

    private static Schema withDictionaries(Schema schema, Set<String> columns) {
        if (columns.isEmpty()) {
            return schema;
        }
        for (String name : columns) {
            if (schema.indexOf(name) < 0) {
                throw new IllegalArgumentException("dictionary column '" + name + "' is not in " + schema);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(columns.contains(f.name()) && !(f.type() instanceof DataType.Dictionary)
                    ? f.withType(DataType.dictionary(DataType.INT32, f.type())) : f);
        }
        return new Schema(fields, schema.metadata());
    }

    private boolean isNullToken(byte[] a, int off, int len) {
        if (len > longestNullToken) {
            return false;
        }
        for (byte[] token : nullTokens) {
            if (token.length == len && Arrays.equals(token, 0, len, a, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    public Schema schema() {
        return schema;
    }

    public long skippedRows() {
        return skipped;
    }

    public long rowsRead() {
        return rows;
    }

    public long bytesRead() {
        return tokenizer.bytesRead();
    }

    /** The next batch, or null at the end of the input. */
    public RecordBatch next() throws IOException {
        if (closed || failed) {
            throw new IllegalStateException("CSV reader is " + (closed ? "closed" : "failed"));
        }
        int count = 0;
        while (count < settings.batchRows()) {
            Kept record = kept.poll();
            if (record == null) {
                boolean more;
                try {
                    more = tokenizer.next();
                } catch (IOException | RuntimeException e) {
                    // The tokenizer lost its place (a quote never closed, a record too long): no way on.
                    failed = true;
                    throw e;
                }
                if (!more) {
                    break;
                }
            }
            // A bad row throws here; the rows before it stay for the next call, which goes on after it.
            if (row(record)) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        rows += count;
        return builder.build();
    }

    /** Parses one record into the builders; false if it was bad and skipped. */
    private boolean row(Kept record) throws CsvFormatException {
        int n = record != null ? record.fields.length : tokenizer.fieldCount();
        long line = record != null ? record.line : tokenizer.line();
        if (n != parsers.length) {
            return bad(new CsvFormatException(line, 0, null, null, "has " + n + " fields, expected " + parsers.length));
        }
        for (int c = 0; c < n; c++) {
            byte[] a = record != null ? record.fields[c] : tokenizer.array(c);
            int off = record != null ? 0 : tokenizer.offset(c);
            int len = record != null ? a.length : tokenizer.length(c);
            boolean quoted = record != null ? record.quoted[c] : tokenizer.quoted(c);
            ColumnParser parser = parsers[c];
            if (!quoted && isNullToken(a, off, len)) {
                if (!schema.field(c).nullable()) {
                    return bad(new CsvFormatException(line, c + 1, schema.field(c).name(),
                            new String(a, off, len, StandardCharsets.UTF_8), "is null in a non-nullable column"));
                }
                parser.pendingNull = true;
                continue;
            }
            parser.pendingNull = false;
            if (!parser.parse(a, off, len)) {
                return bad(new CsvFormatException(line, c + 1, schema.field(c).name(),
                        new String(a, off, Math.min(len, 200), StandardCharsets.UTF_8),
                        "is not a value of type " + schema.field(c).type()));
            }
        }
        for (ColumnParser parser : parsers) {
            parser.commit();
        }
        return true;
    }

    private boolean bad(CsvFormatException e) throws CsvFormatException {
        if (settings.skipBadRows()) {
            skipped++;
            return false;
        }
        throw e;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            builder.close();
        } finally {
            channel.close();
        }
    }
}
