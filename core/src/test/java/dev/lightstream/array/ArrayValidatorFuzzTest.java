package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.RandomData;
import dev.lightstream.schema.Field;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random corruption of valid arrays: the validator either refuses the data with an
 * {@link InvalidArrayException} or accepts it, and then every accessor of every array in the tree
 * stays inside its buffers. No other exception may appear.
 */
class ArrayValidatorFuzzTest extends AllocatorFixture {
    private static final byte[] NASTY = {0, -1, 0x7F, (byte) 0x80, 1, 12, 13, 64};
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    /** The corruption must both break data and leave some intact (or the test shows nothing). */
    @AfterAll
    static void bothOutcomesHappened() {
        assertThat(REFUSED.get()).as("refused").isGreaterThan(1000);
        assertThat(ACCEPTED.get()).as("accepted").isGreaterThan(1000);
    }

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    @Timeout(30)
    void corruptedArraysAreRefusedOrSafe(long seed) {
        RandomData random = new RandomData(seed);
        RandomGenerator rnd = random.random();
        Field field = random.field(3);
        Array array = random.array(allocator, field, 1 + rnd.nextInt(30), owner);
        int refused = 0;
        for (int attempt = 0; attempt < 25; attempt++) {
            ArrayData corrupted = corrupt(array.data(), rnd);
            ArrayValidator validator = ArrayValidator.defaults().withUtf8Check(rnd.nextBoolean());
            try {
                validator.validate(corrupted);
            } catch (InvalidArrayException e) {
                assertThat(e.getMessage()).startsWith("field 'array");
                refused++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " attempt " + attempt + ": " + field + " " + corrupted, e);
            }
            try {
                exercise(Array.of(corrupted));
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " attempt " + attempt + ": accepted data broke an accessor: "
                        + field + " " + corrupted, e);
            }
        }
        REFUSED.addAndGet(refused);
        ACCEPTED.addAndGet(25 - refused);
    }

    /** Reads every slot of the array and of every array below it. */
    static void exercise(Array array) {
        for (int i = 0; i < array.length(); i++) {
            array.isNull(i);
            array.getObject(i);
        }
        assertThat(ArrayEquality.defaults().withExactDictionaries(true).compare(array, array)).isEmpty();
        array.toString();
        switch (array) {
            case ListArray a -> exercise(a.values());
            case ListViewArray a -> exercise(a.values());
            case FixedSizeListArray a -> exercise(a.values());
            case MapArray a -> exercise(a.entries());
            case StructArray a -> a.fields().forEach(ArrayValidatorFuzzTest::exercise);
            case UnionArray a -> {
                for (int c = 0; c < a.childCount(); c++) {
                    exercise(a.child(c));
                }
            }
            case DictionaryArray a -> {
                exercise(a.indices());
                exercise(a.dictionary());
            }
            case RunEndEncodedArray a -> {
                exercise(a.runEnds());
                exercise(a.values());
            }
            case ExtensionArray a -> exercise(a.storage());
            default -> { }
        }
    }

    /** A copy of the tree with a few bytes of its buffers, or a window, changed. */
    static ArrayData corrupt(ArrayData data, RandomGenerator rnd) {
        List<ArrayData> nodes = new ArrayList<>();
        ArrayData copy = copyTree(data, nodes);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int node = rnd.nextInt(nodes.size());
            ArrayData target = nodes.get(node);
            if (rnd.nextInt(8) == 0) {
                ArrayData windowed = Forge.withWindow(target, rnd.nextInt(4), Math.max(0, target.length() + rnd.nextInt(5) - 2));
                copy = replace(copy, target, windowed);
                nodes.set(node, windowed);
                continue;
            }
            List<MemorySegment> buffers = new ArrayList<>();
            for (MemorySegment b : target.buffers()) {
                if (b != null && b.byteSize() > 0) {
                    buffers.add(b);
                }
            }
            if (buffers.isEmpty()) {
                continue;
            }
            MemorySegment buffer = buffers.get(rnd.nextInt(buffers.size()));
            long bound = rnd.nextInt(4) == 0 ? buffer.byteSize() : Math.min(buffer.byteSize(), 40);
            long position = rnd.nextLong(bound);
            byte value = rnd.nextBoolean() ? NASTY[rnd.nextInt(NASTY.length)] : (byte) rnd.nextInt();
            buffer.set(ValueLayout.JAVA_BYTE, position, value);
        }
        return copy;
    }

    /** A deep copy with heap buffers (so corruption never touches the original), nodes listed in {@code nodes}. */
    private static ArrayData copyTree(ArrayData data, List<ArrayData> nodes) {
        MemorySegment[] buffers = data.buffers();
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = Forge.copy(buffers[i]);
        }
        List<ArrayData> children = new ArrayList<>();
        for (ArrayData child : data.children()) {
            children.add(copyTree(child, nodes));
        }
        ArrayData dictionary = data.dictionary() == null ? null : copyTree(data.dictionary(), nodes);
        ArrayData copy = new ArrayData(data.type(), data.length(), data.offset(), data.nullCount(), buffers, children,
                dictionary);
        nodes.add(copy);
        return copy;
    }

    /** The tree with node {@code from} (by identity) replaced by {@code to}. */
    private static ArrayData replace(ArrayData tree, ArrayData from, ArrayData to) {
        if (tree == from) {
            return to;
        }
        List<ArrayData> children = new ArrayList<>();
        boolean changed = false;
        for (ArrayData child : tree.children()) {
            ArrayData replaced = replace(child, from, to);
            changed |= replaced != child;
            children.add(replaced);
        }
        ArrayData dictionary = tree.dictionary() == null ? null : replace(tree.dictionary(), from, to);
        changed |= dictionary != tree.dictionary();
        return changed ? new ArrayData(tree.type(), tree.length(), tree.offset(), tree.nullCount(), tree.buffers(),
                children, dictionary) : tree;
    }
}
