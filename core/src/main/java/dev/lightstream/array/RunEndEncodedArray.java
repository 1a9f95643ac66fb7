package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Run-end encoded values: a child of increasing run ends (int16, int32 or int64) and a child of
 * one value per run. Logical slot {@code i} (counting the array offset) belongs to the first run
 * whose end exceeds it. There is no validity bitmap: a slot is null when its run's value is.
 */
public final class RunEndEncodedArray extends Array {
    private final Array runEnds;
    private final Array values;

    RunEndEncodedArray(ArrayData data) {
        super(data);
        this.runEnds = Array.of(data.child(0));
        this.values = Array.of(data.child(1));
    }

    /** The run ends, unsliced (they count from the start of the underlying data). */
    public Array runEnds() {
        return runEnds;
    }

    /** One value per run, unsliced. */
    public Array values() {
        return values;
    }

    private long runEnd(int run) {
        return switch (runEnds) {
            case Int16Array a -> a.get(run);
            case Int32Array a -> a.get(run);
            case Int64Array a -> a.get(run);
            default -> throw new IllegalStateException("run ends of type " + runEnds.type());
        };
    }

    /** The index in {@link #values()} of the run holding slot {@code index}, by binary search. */
    public int physicalIndex(int index) {
        checkIndex(index);
        long logical = (long) offset + index;
        int low = 0;
        int high = runEnds.length() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (runEnd(mid) <= logical) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public boolean isNull(int index) {
        return values.isNull(physicalIndex(index));
    }

    @Override
    public Object getObject(int index) {
        return values.getObject(physicalIndex(index));
    }

    /**
     * A builder of {@code type}, with a builder for the run values.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.RunEndEncoded}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.RunEndEncoded)) {
            throw new IllegalArgumentException(type + " is not a run-end encoded type");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link RunEndEncodedArray}s. {@link #appendObject} (and {@link #appendNull()})
     * extends the last run when the value equals the run's (as {@link Array#getObject} values,
     * floats by bits) and starts a new run otherwise; {@link #appendRun} appends a whole run.
     * For typed values: {@link #startRun()}, one value appended to {@link #values()},
     * {@link #endRun(int)} with the run length.
     *
     * {@snippet :
     * RunEndEncodedArray.Builder runs = RunEndEncodedArray.builder(allocator,
     *         DataType.runEndEncoded(DataType.INT32, DataType.UTF8));
     * runs.appendObject("a").appendObject("a").appendNull().appendRun("b", 1000);
     * // run ends [2, 3, 1003], values ["a", null, "b"]
     * }
     */
    public static final class Builder extends ArrayBuilder {
        /** Marks a last run whose value is unknown to the merging logic (built with startRun). */
        private static final Object UNKNOWN = new Object();

        private final ArrayBuilder values;
        private final BufferBuilder runEnds;
        private final DataType.Int runEndType;
        private final long maxRunEnd;
        private int runs;
        private Object lastKey = UNKNOWN;
        private int openStart = -1;

        Builder(BufferAllocator allocator, DataType.RunEndEncoded type, DictionaryScope scope) {
            super(allocator, type, false);
            this.runEndType = (DataType.Int) type.runEnds().type();
            this.maxRunEnd = runEndType.bitWidth() == 16 ? Short.MAX_VALUE : Integer.MAX_VALUE;
            this.values = ArrayBuilder.forField(allocator, type.values(), scope);
            this.runEnds = new BufferBuilder(allocator);
        }

        /** The builder of one value per run. */
        public ArrayBuilder values() {
            return values;
        }

        /** The number of runs so far. */
        public int runCount() {
            return runs;
        }

        /** Opens a run: append its value to {@link #values()}, then {@link #endRun(int)}. */
        public Builder startRun() {
            checkOpen();
            checkClosedSlot();
            if (values.length() != runs) {
                throw new IllegalStateException("values were appended outside a run: values.length=" + values.length()
                        + " runs=" + runs);
            }
            openStart = values.length();
            return this;
        }

        /**
         * Closes the run opened by {@link #startRun()}: its value covers the next {@code runLength} slots.
         *
         * @throws IllegalArgumentException if {@code runLength} is not positive or the run ends past the type's range
         * @throws IllegalStateException if the values builder did not get exactly one value
         */
        public Builder endRun(int runLength) {
            if (openStart < 0) {
                throw new IllegalStateException("no run is open");
            }
            if (values.length() != openStart + 1) {
                throw new IllegalStateException("a run got " + (values.length() - openStart) + " values");
            }
            checkRunLength(runLength);
            openStart = -1;
            addRun(runLength);
            lastKey = UNKNOWN;
            return this;
        }

        private void checkRunLength(int runLength) {
            if (runLength <= 0 || runLength > maxRunEnd - length) {
                throw new IllegalArgumentException("runLength=" + runLength + " with length=" + length
                        + " does not fit run ends of " + runEndType);
            }
        }

        private void addRun(int runLength) {
            length += runLength;
            runs++;
            switch (runEndType.bitWidth()) {
                case 16 -> runEnds.appendShort((short) length);
                case 32 -> runEnds.appendInt(length);
                default -> runEnds.appendLong(length);
            }
        }

        private void extendLastRun0(int count) {
            length += count;
            long at = runEnds.size() - runEndType.byteWidth();
            switch (runEndType.bitWidth()) {
                case 16 -> runEnds.segment().set(LE.SHORT, at, (short) length);
                case 32 -> runEnds.segment().set(LE.INT, at, length);
                default -> runEnds.segment().set(LE.LONG, at, (long) length);
            }
        }

        private void checkClosedSlot() {
            if (openStart >= 0) {
                throw new IllegalStateException("a run is open");
            }
        }

        /**
         * Lengthens the last run by {@code count} slots.
         *
         * @throws IllegalStateException if there is no run yet
         * @throws IllegalArgumentException if {@code count} is not positive or the run would end past the type's range
         */
        public Builder extendLastRun(int count) {
            checkOpen();
            checkClosedSlot();
            if (runs == 0) {
                throw new IllegalStateException("no run to extend");
            }
            checkRunLength(count);
            extendLastRun0(count);
            return this;
        }

        /**
         * Appends {@code count} slots of {@code value} (as {@link ArrayBuilder#appendObject} takes
         * it), extending the last run when its value is equal.
         */
        public Builder appendRun(Object value, int count) {
            checkOpen();
            checkClosedSlot();
            checkRunLength(count);
            Object key = ValueKey.of(value);
            if (runs > 0 && key.equals(lastKey)) {
                extendLastRun0(count);
                return this;
            }
            startRun();
            values.appendObject(value);
            endRun(count);
            lastKey = key;
            return this;
        }

        /** Appends a null slot, extending the last run if it is null. */
        @Override
        public Builder appendNull() {
            return appendRun(null, 1);
        }

        @Override
        public Builder appendObject(Object value) {
            return appendRun(value, 1);
        }

        @Override
        public RunEndEncodedArray build() {
            return (RunEndEncodedArray) super.build();
        }

        @Override
        public RunEndEncodedArray build(List<MemoryBlock> owner) {
            return (RunEndEncodedArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            values.checkComplete();
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            ArrayData ends = new ArrayData(runEndType, runs, 0, 0, new MemorySegment[] {null, runEnds.finish(owner)},
                    List.of(), null);
            ArrayData data = new ArrayData(type, length, 0, 0, new MemorySegment[0], List.of(ends, values.take(owner)),
                    null);
            runs = 0;
            lastKey = UNKNOWN;
            return data;
        }

        @Override
        void releaseBuffers() {
            runEnds.close();
            values.close();
            runs = 0;
            openStart = -1;
        }

        @Override
        void appendFiller() {
            startRun();
            values.appendFiller();
            endRun(1);
        }

        @Override
        boolean accepts(Object value) {
            return acceptsOrNull(values, value);
        }
    }
}
