package dev.lightstream.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gold documents with one value replaced at random (seeded): the reader either accepts the
 * document or raises InvalidJsonException, never another exception, and frees everything; what
 * it accepts, the comparator and the writer handle without failing.
 */
@Timeout(120)
class RandomCorruptionTest {
    private static final String[] CASES = {"nested", "union", "dictionary", "binary_view", "run_end_encoded", "map",
        "extension", "interval", "datetime", "decimal32", "recursive_nested", "custom_metadata", "binary", "null"};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void corruptedDocumentsFailCleanly(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        String name = CASES[random.nextInt(CASES.length)];
        JsonValue original = JsonDocs.parse(GoldFiles.of("cpp-21.0.0", name));
        JsonValue corrupted = JsonDocs.parse(GoldFiles.of("cpp-21.0.0", name));
        String change = corrupt(corrupted, random);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (IntegrationJsonFile expected = IntegrationJsonReader.decode(original, allocator);
                    IntegrationJsonFile actual = IntegrationJsonReader.decode(corrupted, allocator)) {
                Comparison result = IntegrationComparator.strict().compare(expected.data(), actual.data());
                assertThat(result).isNotNull();
                IntegrationJsonWriter.write(new ByteArrayOutputStream(), actual.data());
            } catch (InvalidJsonException expected) {
                assertThat(expected.path()).startsWith("$");
            } catch (Exception | AssertionError e) {
                fail("seed " + seed + " (" + name + ", " + change + ") raised " + e, e);
            }
            allocator.assertNoLeaks();
        }
    }

    /** Replaces or removes one randomly chosen value; returns a description. */
    private static String corrupt(JsonValue root, SplittableRandom random) {
        List<Object[]> slots = new ArrayList<>(); // {container, key or index, path}
        collect(root, "$", slots);
        Object[] slot = slots.get(random.nextInt(slots.size()));
        JsonValue replacement = randomValue(random);
        boolean remove = random.nextInt(8) == 0;
        if (slot[0] instanceof JsonValue.Obj o) {
            if (remove) {
                o.members().remove((String) slot[1]);
            } else {
                o.members().put((String) slot[1], replacement);
            }
        } else {
            JsonValue.Arr a = (JsonValue.Arr) slot[0];
            if (remove) {
                a.elements().remove((int) (Integer) slot[1]);
            } else {
                a.elements().set((Integer) slot[1], replacement);
            }
        }
        return (remove ? "removed " : "set ") + slot[2] + (remove ? "" : " to " + JsonCursor.describe(replacement));
    }

    private static void collect(JsonValue value, String path, List<Object[]> slots) {
        if (value instanceof JsonValue.Obj o) {
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                slots.add(new Object[] {o, e.getKey(), path + "." + e.getKey()});
                collect(e.getValue(), path + "." + e.getKey(), slots);
            }
        } else if (value instanceof JsonValue.Arr a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[] {a, i, path + "[" + i + "]"});
                collect(a.get(i), path + "[" + i + "]", slots);
            }
        }
    }

    private static JsonValue randomValue(SplittableRandom random) {
        return switch (random.nextInt(14)) {
            case 0 -> new JsonValue.Num("-1", true);
            case 1 -> new JsonValue.Num("0", true);
            case 2 -> new JsonValue.Num("1", true);
            case 3 -> new JsonValue.Num("2147483647", true);
            case 4 -> new JsonValue.Num("99999999999999999999", true);
            case 5 -> new JsonValue.Num("1.5", false);
            case 6 -> new JsonValue.Str("");
            case 7 -> new JsonValue.Str("FF");
            case 8 -> new JsonValue.Str("-9223372036854775808");
            case 9 -> JsonValue.Bool.TRUE;
            case 10 -> JsonValue.Null.INSTANCE;
            case 11 -> new JsonValue.Arr();
            case 12 -> new JsonValue.Obj();
            default -> new JsonValue.Num(Integer.toString(random.nextInt(-3, 300)), true);
        };
    }
}
