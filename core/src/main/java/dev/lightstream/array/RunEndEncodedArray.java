package dev.lightstream.array;

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
}
