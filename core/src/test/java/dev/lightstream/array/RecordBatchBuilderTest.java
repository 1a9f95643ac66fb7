package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.RandomData;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Record batches built column by column own all of their memory. */
class RecordBatchBuilderTest {

    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.nullable("name", DataType.UTF8),
            Field.nullable("tags", DataType.list(DataType.UTF8)));

    @Test
    void theBatchOwnsItsMemory() {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            builder.appendRow(1L, "one", List.of("a", "b")).appendRow(2L, null, null);
            builder.column(0).as(Int64Array.Builder.class).append(3);
            builder.column("name").appendObject("three");
            builder.column(2).appendObject(List.of());
            assertThat(builder.rowCount()).isEqualTo(3);
            RecordBatch batch = builder.build();
            assertThat(builder.rowCount()).isZero();
            assertThat(batch.rowCount()).isEqualTo(3);
            assertThat(batch.column("name").getObject(2)).isEqualTo("three");
            assertThat(batch.column(2).getObject(0)).isEqualTo(List.of("a", "b"));
            assertThat(batch.blocks()).isNotEmpty();
            assertThat(allocator.allocatedBytes()).isPositive();
            batch.close();
            assertThat(allocator.allocatedBytes()).as("closing the batch frees everything").isZero();
            assertThat(batch.blocks()).allSatisfy(b -> assertThat(b.refCount()).isZero());
        }
    }

    @Test
    void slicesOfABatchKeepTheMemoryAlive() {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            builder.appendRow(1L, "one", null).appendRow(2L, "two", List.of("x"));
            RecordBatch batch = builder.build();
            RecordBatch slice = batch.slice(1, 1);
            batch.close();
            assertThat(slice.column(1).getObject(0)).isEqualTo("two");
            slice.close();
            assertThat(allocator.allocatedBytes()).isZero();
        }
    }

    @Test
    void closingTheBuilderReleasesWhatWasNotBuilt() {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA);
            builder.appendRow(1L, "one", List.of("a"));
            builder.close();
            assertThat(allocator.allocatedBytes()).isZero();
            assertThatThrownBy(() -> builder.column(0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unevenColumnsAreRefused() {
        try (BufferAllocator allocator = BufferAllocator.create();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            builder.column(0).appendObject(1L);
            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("column 1 'name' has 0 rows, column 0 has 1");
            assertThatThrownBy(() -> builder.appendRow(1L)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fieldsWithOneDictionaryIdShareTheDictionary() {
        DataType type = DataType.dictionary(DataType.INT16, DataType.UTF8);
        DataType other = DataType.dictionary(DataType.UINT8, DataType.UTF8);
        Schema schema = Schema.of(Field.nullable("from", type).withDictionaryId(7),
                Field.nullable("to", other).withDictionaryId(7),
                Field.nullable("own", type),
                Field.nullable("nested", DataType.struct(Field.nullable("city", type).withDictionaryId(7))));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            builder.appendRow("Oslo", "Lima", "Oslo", Map.of("city", "Pune"));
            builder.appendRow("Lima", null, "Rome", Map.of("city", "Oslo"));
            try (RecordBatch batch = builder.build()) {
                DictionaryArray from = (DictionaryArray) batch.column(0);
                DictionaryArray to = (DictionaryArray) batch.column(1);
                DictionaryArray own = (DictionaryArray) batch.column(2);
                DictionaryArray city = (DictionaryArray) ((StructArray) batch.column(3)).field(0);
                assertThat(to.dictionary().data()).isSameAs(from.dictionary().data());
                assertThat(city.dictionary().data()).isSameAs(from.dictionary().data());
                assertThat(own.dictionary().data()).isNotSameAs(from.dictionary().data());
                assertThat(AllocatorFixture.objects(from.dictionary())).containsExactly("Oslo", "Lima", "Pune");
                assertThat(AllocatorFixture.objects(own.dictionary())).containsExactly("Oslo", "Rome");
                assertThat(AllocatorFixture.objects(to)).containsExactly("Lima", null);
                assertThat(city.getObject(1)).isEqualTo("Oslo");
            }
            builder.appendRow("Rome", "Rome", null, null);
            try (RecordBatch next = builder.build()) {
                DictionaryArray from = (DictionaryArray) next.column(0);
                assertThat(AllocatorFixture.objects(from.dictionary())).as("a new batch, a new dictionary")
                        .containsExactly("Rome");
            }
            assertThat(allocator.allocatedBytes()).isZero();
        }
    }

    @Test
    void oneIdWithTwoValueTypesIsRefused() {
        Schema schema = Schema.of(
                Field.of("a", DataType.dictionary(DataType.INT8, DataType.UTF8)).withDictionaryId(1),
                Field.of("b", DataType.dictionary(DataType.INT8, DataType.BINARY)).withDictionaryId(1));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            assertThatThrownBy(() -> new RecordBatchBuilder(allocator, schema))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dictionary id 1");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomBatchesLeaveNothingBehind(long seed) {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RandomData random = new RandomData(seed);
            Schema schema = random.schema(6, 3);
            for (int i = 0; i < 5; i++) {
                RecordBatch batch = random.batch(allocator, schema, 50);
                RecordBatch slice = batch.slice(0, batch.rowCount() / 2);
                batch.close();
                slice.close();
            }
            assertThat(allocator.allocatedBytes()).as("seed %d", seed).isZero();
        }
    }
}
