package dev.lightstream.parquet.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.parquet.InvalidParquetException;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.TimeUnit;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;

/**
 * Reads one top-level primitive column (no repetition, at most one definition level) page by page
 * into Arrow buffers, bypassing parquet-java's value-at-a-time column reader: definition levels and
 * dictionary indices are decoded a page at a time, PLAIN fixed-width values of a page without nulls
 * are one bulk copy, and a batch's buffers are heap arrays copied once into allocator blocks when
 * the batch is built. For INT32, INT64, FLOAT, DOUBLE and BYTE_ARRAY columns in PLAIN or dictionary
 * encoding (what this module, DuckDB and parquet-java's V1 writer use); columns with other
 * encodings (DELTA_*, BYTE_STREAM_SPLIT) stay with parquet-java's reader.
 *
 * <p>Page bytes are untrusted: run lengths, value lengths and dictionary indices are checked
 * against the page, and a page with fewer values than its levels say is refused.
 */
final class FlatColumnReader {
    private static final Set<Encoding> SUPPORTED = Set.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);

    private final DataType type;
    private final String name;
    /** Bytes per value, 0 for BYTE_ARRAY. */
    private final int width;
    private final boolean optional;

    // The dictionary of the current column chunk: PLAIN fixed-width values, or entry starts and ends.
    private byte[] dictionary;
    private int[] entryStart;
    private int[] entryEnd;
    private int dictionarySize;

    private PageReader pages;
    // The current page: its levels, its value section, and how far both are read.
    private int[] levels = new int[0];
    private int[] indices = new int[0];
    private int pageRows;
    private int pageRow;
    private boolean pageAllPresent;
    private boolean pageDictionary;
    private byte[] data;
    private int position;
    private int end;
    private int nextIndex;
    private int indexCount;

    // The batch being built.
    private final PageBytes values = new PageBytes(256);
    private final PageBytes offsets = new PageBytes(64);
    private byte[] validity = new byte[64];
    private int rows;
    private int nulls;

    private FlatColumnReader(DataType type, String name, int width, boolean optional) {
        this.type = type;
        this.name = name;
        this.width = width;
        this.optional = optional;
    }

    /** A reader of {@code column} read as {@code type}, or null when the column takes parquet-java's path. */
    static FlatColumnReader of(ColumnDescriptor column, DataType type) {
        if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() > 1) {
            return null;
        }
        boolean optional = column.getMaxDefinitionLevel() == 1;
        String name = String.join(".", column.getPath());
        int width = switch (column.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> type instanceof DataType.Int i && i.bitWidth() == 32 || type instanceof DataType.Date d
                    && d.bitWidth() == 32 || type instanceof DataType.Time t && t.unit() == TimeUnit.MILLISECOND ? 4 : -1;
            case INT64 -> type instanceof DataType.Int i && i.bitWidth() == 64 || type instanceof DataType.Timestamp
                    || type instanceof DataType.Time t && t.bitWidth() == 64 ? 8 : -1;
            case FLOAT -> type.equals(DataType.FLOAT32) ? 4 : -1;
            case DOUBLE -> type.equals(DataType.FLOAT64) ? 8 : -1;
            case BINARY -> type.equals(DataType.UTF8) || type.equals(DataType.BINARY) ? 0 : -1;
            default -> -1;
        };
        return width < 0 ? null : new FlatColumnReader(type, name, width, optional);
    }

    /** True if every encoding of a column chunk is one this reader decodes. */
    static boolean decodes(Set<Encoding> encodings) {
        return SUPPORTED.containsAll(encodings);
    }

    /** Starts a column chunk: reads its dictionary page, if any. */
    void startChunk(PageReader pageReader) throws IOException {
        this.pages = pageReader;
        pageRows = 0;
        pageRow = 0;
        dictionary = null;
        dictionarySize = 0;
        DictionaryPage page = pageReader.readDictionaryPage();
        if (page == null) {
            return;
        }
        byte[] bytes = bytes(page.getBytes());
        int count = page.getDictionarySize();
        if (count < 0) {
            throw new InvalidParquetException("column '" + name + "': dictionary of " + count + " entries");
        }
        if (width > 0) {
            if ((long) count * width > bytes.length) {
                throw new InvalidParquetException("column '" + name + "': dictionary of " + count + " values in "
                        + bytes.length + " bytes");
            }
        } else {
            if (count > bytes.length / 4) {
                throw new InvalidParquetException("column '" + name + "': dictionary of " + count + " entries in "
                        + bytes.length + " bytes");
            }
            entryStart = new int[count];
            entryEnd = new int[count];
            int at = 0;
            for (int i = 0; i < count; i++) {
                int length = lengthAt(bytes, at, bytes.length);
                entryStart[i] = at + 4;
                entryEnd[i] = at + 4 + length;
                at = entryEnd[i];
            }
        }
        dictionary = bytes;
        dictionarySize = count;
    }

    private int lengthAt(byte[] bytes, int at, int limit) throws InvalidParquetException {
        if (at > limit - 4) {
            throw new InvalidParquetException("column '" + name + "': a value's length runs past its page");
        }
        int length = PageBytes.getInt(bytes, at);
        if (length < 0 || length > limit - at - 4) {
            throw new InvalidParquetException("column '" + name + "': a value of " + length + " bytes at offset " + at
                    + " runs past its page of " + limit + " bytes");
        }
        return length;
    }

    @SuppressWarnings("deprecation")
    private static byte[] bytes(BytesInput input) throws IOException {
        ByteBuffer buffer = input.toByteBuffer();
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private void nextPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new InvalidParquetException("column '" + name + "': the column chunk ends before its row group");
        }
        int count = page.getValueCount();
        if (count <= 0) {
            throw new InvalidParquetException("column '" + name + "': a data page of " + count + " values");
        }
        Encoding encoding;
        byte[] levelBytes;
        int levelFrom;
        int levelTo;
        if (page instanceof DataPageV1 v1) {
            data = bytes(v1.getBytes());
            encoding = v1.getValueEncoding();
            position = 0;
            levelBytes = data;
            levelFrom = 0;
            levelTo = 0;
            if (optional) {
                if (v1.getDlEncoding() != Encoding.RLE) {
                    throw new InvalidParquetException("column '" + name + "': definition levels in "
                            + v1.getDlEncoding() + " are not supported");
                }
                int length = lengthAt(data, 0, data.length);
                levelFrom = 4;
                levelTo = 4 + length;
                position = levelTo;
            }
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            data = bytes(v2.getData());
            encoding = v2.getDataEncoding();
            position = 0;
            levelBytes = optional ? bytes(v2.getDefinitionLevels()) : null;
            levelFrom = 0;
            levelTo = levelBytes == null ? 0 : levelBytes.length;
        }
        end = data.length;
        String where = "column '" + name + "' page of " + count + " values";
        int present = count;
        if (optional) {
            if (levels.length < count) {
                levels = new int[Math.max(count, levels.length * 2)];
            }
            HybridDecoder.decode(levelBytes, levelFrom, levelTo, 1, count, levels, where + ", definition levels");
            present = 0;
            for (int i = 0; i < count; i++) {
                present += levels[i];
            }
        }
        pageAllPresent = present == count;
        pageDictionary = switch (encoding) {
            case PLAIN -> false;
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> true;
            default -> throw new InvalidParquetException(where + ": values in " + encoding + " are not supported here");
        };
        if (pageDictionary) {
            if (dictionary == null) {
                throw new InvalidParquetException(where + ": dictionary-encoded without a dictionary page");
            }
            if (position >= end) {
                throw new InvalidParquetException(where + ": no bit width before the dictionary indices");
            }
            int bitWidth = data[position] & 0xFF;
            if (indices.length < present) {
                indices = new int[Math.max(present, indices.length * 2)];
            }
            HybridDecoder.decode(data, position + 1, end, bitWidth, present, indices, where + ", dictionary indices");
            for (int i = 0; i < present; i++) {
                if (indices[i] < 0 || indices[i] >= dictionarySize) {
                    throw new InvalidParquetException(where + ": dictionary index " + (indices[i] & 0xFFFFFFFFL)
                            + " outside a dictionary of " + dictionarySize);
                }
            }
            indexCount = present;
            nextIndex = 0;
        } else if (width > 0 && (long) present * width > end - position) {
            throw new InvalidParquetException(where + ": " + present + " values of " + width + " bytes in "
                    + (end - position) + " bytes");
        }
        pageRows = count;
        pageRow = 0;
    }

    /** Appends the next {@code n} rows of the column chunk to the batch. */
    void read(int n) throws IOException {
        while (n > 0) {
            if (pageRow == pageRows) {
                nextPage();
            }
            int take = Math.min(n, pageRows - pageRow);
            appendValidity(take);
            if (width > 0) {
                readFixed(take);
            } else {
                readBinary(take);
            }
            pageRow += take;
            rows += take;
            n -= take;
        }
    }

    private void appendValidity(int take) {
        int needed = ((rows + take) >>> 3) + 1;
        if (validity.length < needed) {
            validity = Arrays.copyOf(validity, Math.max(needed, validity.length * 2));
        }
        for (int k = 0; k < take; k++) {
            int row = rows + k;
            if (pageAllPresent || levels[pageRow + k] == 1) {
                validity[row >>> 3] |= (byte) (1 << (row & 7));
            } else {
                validity[row >>> 3] &= (byte) ~(1 << (row & 7));
                nulls++;
            }
        }
    }

    private void readFixed(int take) throws InvalidParquetException {
        if (pageAllPresent && !pageDictionary) {
            values.put(data, position, take * width);
            position += take * width;
            return;
        }
        values.reserve(take * width);
        for (int k = 0; k < take; k++) {
            boolean present = pageAllPresent || levels[pageRow + k] == 1;
            if (!present) {
                if (width == 8) {
                    values.putLong(0);
                } else {
                    values.putInt(0);
                }
            } else if (pageDictionary) {
                values.put(dictionary, indices[nextIndex++] * width, width);
            } else {
                values.put(data, position, width);
                position += width;
            }
        }
    }

    private void readBinary(int take) throws InvalidParquetException {
        if (rows == 0) {
            offsets.reset();
            offsets.putInt(0);
        }
        offsets.reserve(4 * take);
        for (int k = 0; k < take; k++) {
            boolean present = pageAllPresent || levels[pageRow + k] == 1;
            if (present) {
                if (pageDictionary) {
                    int index = indices[nextIndex++];
                    values.put(dictionary, entryStart[index], entryEnd[index] - entryStart[index]);
                } else {
                    int length = lengthAt(data, position, end);
                    values.put(data, position + 4, length);
                    position += 4 + length;
                }
            }
            offsets.putInt(values.size());
        }
    }

    /** The batch read so far, as an array whose memory goes to {@code owner}; starts a new batch. */
    Array finish(BufferAllocator allocator, List<MemoryBlock> owner) {
        try {
            MemorySegment validityBuffer = null;
            if (nulls > 0) {
                validityBuffer = copy(allocator, owner, validity, (rows + 7) >>> 3);
            }
            MemorySegment[] buffers;
            if (width > 0) {
                buffers = new MemorySegment[] {validityBuffer, copy(allocator, owner, values.array(), values.size())};
            } else {
                if (rows == 0) {
                    offsets.reset();
                    offsets.putInt(0);
                }
                buffers = new MemorySegment[] {validityBuffer, copy(allocator, owner, offsets.array(), offsets.size()),
                    copy(allocator, owner, values.array(), values.size())};
            }
            return Array.of(new ArrayData(type, rows, 0, nulls, buffers, List.of(), null));
        } finally {
            rows = 0;
            nulls = 0;
            values.reset();
            offsets.reset();
        }
    }

    private static MemorySegment copy(BufferAllocator allocator, List<MemoryBlock> owner, byte[] bytes, int length) {
        MemoryBlock block = allocator.allocateUninitialized(Math.max(length, 1));
        owner.add(block);
        MemorySegment segment = block.segment();
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, length);
        return segment;
    }
}
