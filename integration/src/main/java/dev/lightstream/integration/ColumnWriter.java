package dev.lightstream.integration;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.UnionMode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes one array as a column ("FieldData") of the integration JSON, with the buffers and value
 * encodings of Arrow's generator: VALIDITY as 1/0 (all 1 without a bitmap), 64-bit integers,
 * 64-bit offsets and decimals as strings, bytes as uppercase hex, booleans as true/false. A
 * dictionary-encoded array writes its indices. Values under null slots are written as stored.
 *
 * <p>The array may be a slice: offsets of binary and list arrays are written as stored (a reader
 * rebases them), children that follow the parent's positions (struct, fixed-size list, sparse
 * union, run-end encoded) are sliced to match.
 */
final class ColumnWriter {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final JsonGenerator g;

    ColumnWriter(JsonGenerator g) {
        this.g = g;
    }

    void write(String name, DataType type, ArrayData data) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeNumberField("count", data.length());
        DataType storage = Types.storage(type);
        if (storage instanceof DataType.Dictionary d) {
            validity(data);
            integers("DATA", data, 1, d.indexType().byteWidth(), d.indexType().signed());
            g.writeEndObject();
            return;
        }
        List<Field> fields = storage.children();
        int offset = data.offset();
        int length = data.length();
        switch (storage) {
            case DataType.Null t -> { }
            case DataType.Bool t -> {
                validity(data);
                g.writeArrayFieldStart("DATA");
                for (int i = 0; i < length; i++) {
                    g.writeBoolean(Bitmaps.get(data.buffer(1), (long) offset + i));
                }
                g.writeEndArray();
            }
            case DataType.Int t -> fixed(data, t.byteWidth(), t.signed());
            case DataType.Date t -> fixed(data, t.bitWidth() / 8, true);
            case DataType.Time t -> fixed(data, t.bitWidth() / 8, true);
            case DataType.Timestamp t -> fixed(data, 8, true);
            case DataType.Duration t -> fixed(data, 8, true);
            case DataType.FloatingPoint t -> {
                validity(data);
                g.writeArrayFieldStart("DATA");
                for (int i = 0; i < length; i++) {
                    switch (t.precision()) {
                        case HALF -> number(Float.float16ToFloat((short) Slots.integer(data, 1, i, 2)));
                        case SINGLE -> number(Float.intBitsToFloat((int) Slots.integer(data, 1, i, 4)));
                        case DOUBLE -> number(Double.longBitsToDouble(Slots.integer(data, 1, i, 8)));
                    }
                }
                g.writeEndArray();
            }
            case DataType.Decimal t -> {
                validity(data);
                g.writeArrayFieldStart("DATA");
                for (int i = 0; i < length; i++) {
                    g.writeString(ArrayComparator.decimal(data, i, t.byteWidth()).toString());
                }
                g.writeEndArray();
            }
            case DataType.Interval t -> interval(data, t.unit());
            case DataType.FixedSizeBinary t -> {
                validity(data);
                g.writeArrayFieldStart("DATA");
                for (int i = 0; i < length; i++) {
                    g.writeString(hex(Slots.fixedBytes(data, 1, i, t.byteWidth())));
                }
                g.writeEndArray();
            }
            case DataType.Binary t -> varBinary(data, false, false);
            case DataType.Utf8 t -> varBinary(data, false, true);
            case DataType.LargeBinary t -> varBinary(data, true, false);
            case DataType.LargeUtf8 t -> varBinary(data, true, true);
            case DataType.BinaryView t -> views(data, false);
            case DataType.Utf8View t -> views(data, true);
            case DataType.List t -> list(data, fields, false);
            case DataType.LargeList t -> list(data, fields, true);
            case DataType.Map t -> list(data, fields, false);
            case DataType.ListView t -> {
                validity(data);
                integers("OFFSET", data, 1, 4, true);
                integers("SIZE", data, 2, 4, true);
                children(fields, List.of(data.child(0)));
            }
            case DataType.LargeListView t -> {
                validity(data);
                integers("OFFSET", data, 1, 8, true);
                integers("SIZE", data, 2, 8, true);
                children(fields, List.of(data.child(0)));
            }
            case DataType.FixedSizeList t -> {
                validity(data);
                children(fields, List.of(data.child(0).slice(offset * t.listSize(), length * t.listSize())));
            }
            case DataType.Struct t -> {
                validity(data);
                children(fields, data.children().stream().map(c -> c.slice(offset, length)).toList());
            }
            case DataType.Union t -> {
                integers("TYPE_ID", data, 0, 1, true);
                if (t.mode() == UnionMode.DENSE) {
                    integers("OFFSET", data, 1, 4, true);
                    children(fields, data.children());
                } else {
                    children(fields, data.children().stream().map(c -> c.slice(offset, length)).toList());
                }
            }
            case DataType.RunEndEncoded t -> runEndEncoded(data, t);
            case DataType.Dictionary t -> throw new AssertionError("handled above");
            case DataType.Extension t -> throw new AssertionError("unwrapped above");
        }
        g.writeEndObject();
    }

    private void validity(ArrayData data) throws IOException {
        g.writeArrayFieldStart("VALIDITY");
        for (int i = 0; i < data.length(); i++) {
            g.writeNumber(Slots.validBit(data, i) ? 1 : 0);
        }
        g.writeEndArray();
    }

    private void fixed(ArrayData data, int width, boolean signed) throws IOException {
        validity(data);
        integers("DATA", data, 1, width, signed);
    }

    /** Integers of buffer {@code buffer}: JSON numbers up to 32 bits, strings for 64 bits. */
    private void integers(String member, ArrayData data, int buffer, int width, boolean signed) throws IOException {
        g.writeArrayFieldStart(member);
        for (int i = 0; i < data.length(); i++) {
            long v = Slots.integer(data, buffer, i, width);
            if (width == 8) {
                g.writeString(signed ? Long.toString(v) : Long.toUnsignedString(v));
            } else {
                g.writeNumber(signed ? v : v & ((1L << (width * 8)) - 1));
            }
        }
        g.writeEndArray();
    }

    /** A float or double; JSON has no NaN or infinities, so those are written as strings. */
    private void number(double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private void number(float v) throws IOException {
        if (Float.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(Float.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private void interval(ArrayData data, IntervalUnit unit) throws IOException {
        if (unit == IntervalUnit.YEAR_MONTH) {
            fixed(data, 4, true);
            return;
        }
        validity(data);
        g.writeArrayFieldStart("DATA");
        for (int i = 0; i < data.length(); i++) {
            MemorySegment value = Slots.fixedBytes(data, 1, i, unit.byteWidth());
            g.writeStartObject();
            if (unit == IntervalUnit.DAY_TIME) {
                g.writeNumberField("days", value.get(Slots.INT, 0));
                g.writeNumberField("milliseconds", value.get(Slots.INT, 4));
            } else {
                g.writeNumberField("months", value.get(Slots.INT, 0));
                g.writeNumberField("days", value.get(Slots.INT, 4));
                g.writeNumberField("nanoseconds", value.get(Slots.LONG, 8));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void varBinary(ArrayData data, boolean large, boolean utf8) throws IOException {
        validity(data);
        offsets(data, large);
        g.writeArrayFieldStart("DATA");
        for (int i = 0; i < data.length(); i++) {
            MemorySegment bytes = Slots.bytes(data, i);
            g.writeString(utf8 ? utf8(bytes) : hex(bytes));
        }
        g.writeEndArray();
    }

    /** The count+1 offsets of a binary or list array, as stored. */
    private void offsets(ArrayData data, boolean large) throws IOException {
        g.writeArrayFieldStart("OFFSET");
        for (int k = 0; k <= data.length(); k++) {
            long v = Slots.offset(data, k, large);
            if (large) {
                g.writeString(Long.toString(v));
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndArray();
    }

    private void views(ArrayData data, boolean utf8) throws IOException {
        validity(data);
        MemorySegment views = data.buffer(1);
        g.writeArrayFieldStart("VIEWS");
        for (int i = 0; i < data.length(); i++) {
            long view = ((long) data.offset() + i) * 16;
            int size = views.get(Slots.INT, view);
            g.writeStartObject();
            g.writeNumberField("SIZE", size);
            if (size <= 12) {
                MemorySegment inlined = views.asSlice(view + 4, Math.max(size, 0));
                g.writeStringField("INLINED", utf8 ? utf8(inlined) : hex(inlined));
            } else {
                g.writeStringField("PREFIX_HEX", hex(views.asSlice(view + 4, 4)));
                g.writeNumberField("BUFFER_INDEX", views.get(Slots.INT, view + 8));
                g.writeNumberField("OFFSET", views.get(Slots.INT, view + 12));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("VARIADIC_DATA_BUFFERS");
        for (int b = 2; b < data.bufferCount(); b++) {
            g.writeString(hex(data.buffer(b)));
        }
        g.writeEndArray();
    }

    private void list(ArrayData data, List<Field> fields, boolean large) throws IOException {
        validity(data);
        offsets(data, large);
        children(fields, List.of(data.child(0)));
    }

    private void children(List<Field> fields, List<ArrayData> children) throws IOException {
        if (fields.isEmpty()) {
            return; // like Arrow's generator, no "children" member without children
        }
        g.writeArrayFieldStart("children");
        for (int i = 0; i < fields.size(); i++) {
            write(fields.get(i).name(), fields.get(i).type(), children.get(i));
        }
        g.writeEndArray();
    }

    /**
     * A run-end encoded slice: only the runs it covers, with run ends counted from the slice's
     * start and the last one clipped to its length.
     */
    private void runEndEncoded(ArrayData data, DataType.RunEndEncoded type) throws IOException {
        int first = data.length() == 0 ? 0 : Slots.physicalRun(data, 0);
        int last = data.length() == 0 ? -1 : Slots.physicalRun(data, data.length() - 1);
        int runs = last - first + 1;
        long start = data.offset();
        int width = ((DataType.Int) type.runEnds().type()).byteWidth();

        g.writeArrayFieldStart("children");
        g.writeStartObject();
        g.writeStringField("name", type.runEnds().name());
        g.writeNumberField("count", runs);
        g.writeArrayFieldStart("VALIDITY");
        for (int r = 0; r < runs; r++) {
            g.writeNumber(1);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("DATA");
        for (int r = first; r <= last; r++) {
            long end = Math.min(Slots.runEnd(data, r) - start, data.length());
            if (width == 8) {
                g.writeString(Long.toString(end));
            } else {
                g.writeNumber(end);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        write(type.values().name(), type.values().type(), data.child(1).slice(first, runs));
        g.writeEndArray();
    }

    private static String hex(MemorySegment bytes) {
        return HEX.formatHex(bytes.toArray(ValueLayout.JAVA_BYTE));
    }

    private static String utf8(MemorySegment bytes) {
        return new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
