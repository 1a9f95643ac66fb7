package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Builders of the offset-based and the view-based binary and string arrays. */
class BinaryBuildersTest extends AllocatorFixture {

    @ParameterizedTest
    @ValueSource(strings = {"utf8", "large_utf8"})
    void strings(String name) {
        DataType type = name.equals("utf8") ? DataType.UTF8 : DataType.LARGE_UTF8;
        BinaryArray array = BinaryArray.builder(allocator, type).append("Zoë").appendNull().append("")
                .append("日本語 😀").appendObject("x".getBytes(StandardCharsets.UTF_8)).build(owner);
        assertThat(array.isLarge()).isEqualTo(type == DataType.LARGE_UTF8);
        assertThat(objects(array)).containsExactly("Zoë", null, "", "日本語 😀", "x");
        assertThat(array.valueLength(0)).isEqualTo(4);
        assertThat(array.valueLength(1)).isZero();
        assertThat(array.valueStart(3)).isEqualTo(4);
        assertThat(array.valueEnd(3)).isEqualTo(4 + "日本語 😀".getBytes(StandardCharsets.UTF_8).length);
        BinaryArray slice = (BinaryArray) array.slice(2, 3);
        assertThat(objects(slice)).containsExactly("", "日本語 😀", "x");
        assertThat(slice.valueStart(0)).as("offsets are not rebased by a slice").isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "large_binary"})
    void bytes(String name) {
        DataType type = name.equals("binary") ? DataType.BINARY : DataType.LARGE_BINARY;
        byte[] big = new byte[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        BinaryArray array = BinaryArray.builder(allocator, type).append(new byte[] {1, 2}).appendNull()
                .append(big, 10, 5).append(MemorySegment.ofArray(big)).append(new byte[0]).build(owner);
        assertThat(array.getBytes(0)).containsExactly(1, 2);
        assertThat(array.isNull(1)).isTrue();
        assertThat(array.getBytes(2)).containsExactly(10, 11, 12, 13, 14);
        assertThat(array.getBytes(3)).isEqualTo(big);
        assertThat(array.getBytes(4)).isEmpty();
        assertThat(array.getObject(0)).isInstanceOf(byte[].class);
        assertThat(array.values().address() % 64).isZero();
        assertThat(array.offsets().byteSize() % 64).isZero();
    }

    @Test
    void convenienceFactoriesTakeNulls() {
        BinaryArray strings = BinaryArray.ofStrings(scratch, "a", null, "c");
        assertThat(strings.type()).isEqualTo(DataType.UTF8);
        assertThat(objects(strings)).containsExactly("a", null, "c");
        BinaryArray bytes = BinaryArray.ofBytes(scratch, new byte[] {1}, null);
        assertThat(bytes.type()).isEqualTo(DataType.BINARY);
        assertThat(bytes.isNull(1)).isTrue();
        BinaryViewArray views = BinaryViewArray.ofStrings(scratch, null, "a string longer than twelve");
        assertThat(objects(views)).containsExactly(null, "a string longer than twelve");
    }

    @Test
    void anEmptyBuilderMakesOneZeroOffset() {
        BinaryArray empty = BinaryArray.builder(allocator, DataType.UTF8).build(owner);
        assertThat(empty.length()).isZero();
        assertThat(empty.offsets().get(java.lang.foreign.ValueLayout.JAVA_INT, 0)).isZero();
        assertThatThrownBy(() -> BinaryArray.builder(allocator, DataType.BINARY_VIEW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_view", "utf8_view"})
    void viewsInlineUpToTwelveBytesAndPointIntoBoundedDataBuffers(String name) {
        DataType type = name.equals("utf8_view") ? DataType.UTF8_VIEW : DataType.BINARY_VIEW;
        BinaryViewArray.Builder builder = BinaryViewArray.builder(allocator, type, 64);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String value = i % 5 == 4 ? null : "v" + "x".repeat(i);   // lengths 1 to 40
            expected.add(value);
            if (value == null) {
                builder.appendNull();
            } else {
                builder.append(value.getBytes(StandardCharsets.UTF_8));
            }
        }
        BinaryViewArray array = builder.build(owner);
        assertThat(array.isUtf8()).isEqualTo(type == DataType.UTF8_VIEW);
        for (int i = 0; i < 40; i++) {
            String value = expected.get(i);
            assertThat(array.isNull(i)).isEqualTo(value == null);
            if (value != null) {
                assertThat(new String(array.getBytes(i), StandardCharsets.UTF_8)).isEqualTo(value);
                assertThat(array.valueLength(i)).isEqualTo(value.length());
            }
        }
        assertThat(array.dataBufferCount()).as("values over 12 bytes, at most 64 bytes per buffer").isGreaterThan(5);
        for (int b = 0; b < array.dataBufferCount(); b++) {
            assertThat(array.dataBuffer(b).byteSize()).isLessThanOrEqualTo(64);
        }
        // A short value lives inside its view: bytes 4..16 of the view, zero-padded.
        MemorySegment view = array.views().asSlice(16L * 3, 16);
        assertThat(view.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4)).isEqualTo((byte) 'v');
        assertThat(view.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 15)).isZero();
        BinaryViewArray slice = (BinaryViewArray) array.slice(20, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(slice.getObject(i) == null).isEqualTo(expected.get(20 + i) == null);
        }
        assertThat(new String(slice.getBytes(1), StandardCharsets.UTF_8)).isEqualTo(expected.get(21));
    }

    @Test
    void aValueLongerThanTheBoundGetsABufferOfItsOwn() {
        BinaryViewArray array = BinaryViewArray.builder(allocator, DataType.BINARY_VIEW, 16)
                .append(new byte[13]).append(new byte[100]).append(new byte[14]).build(owner);
        assertThat(array.dataBufferCount()).isEqualTo(3);
        assertThat(array.getBytes(1)).hasSize(100);
        assertThatThrownBy(() -> BinaryViewArray.builder(allocator, DataType.BINARY_VIEW, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewsWithoutLongValuesHaveNoDataBuffer() {
        BinaryViewArray array = BinaryViewArray.builder(allocator, DataType.UTF8_VIEW).append("short").appendNull()
                .build(owner);
        assertThat(array.dataBufferCount()).isZero();
        assertThat(objects(array)).containsExactly("short", null);
    }
}
