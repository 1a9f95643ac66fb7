/**
 * The Arrow columnar model in memory: arrays, how to build them, compare them and check them.
 *
 * <ul>
 *   <li>{@link dev.lightstream.array.ArrayData}: the physical layout of one array (buffers in
 *       Arrow order, offset, children, dictionary), the way the C data interface describes it.</li>
 *   <li>{@link dev.lightstream.array.Array} and its subclasses, one per layout, with typed
 *       accessors: zero-copy views that own no memory.</li>
 *   <li>{@link dev.lightstream.array.RecordBatch}: equal-length columns with a schema, owning the
 *       memory blocks it was given.</li>
 *   <li>Builders: a {@code Builder} nested in every array class, all subclasses of
 *       {@link dev.lightstream.array.ArrayBuilder}, and
 *       {@link dev.lightstream.array.RecordBatchBuilder} for whole batches.</li>
 *   <li>{@link dev.lightstream.array.ArrayValidator}: full structural validation of untrusted
 *       array data, raising {@link dev.lightstream.array.InvalidArrayException}.</li>
 *   <li>{@link dev.lightstream.array.ArrayEquality}: logical equality with the first difference.</li>
 * </ul>
 *
 * {@snippet :
 * try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
 *     builder.appendRow(1L, List.of("a", "b"), "Oslo");
 *     try (RecordBatch batch = builder.build()) {     // the batch owns its memory
 *         ArrayValidator.defaults().validate(batch);
 *         assert ArrayEquality.equal(batch, batch);
 *     }
 * }
 * }
 *
 * <p>This package imports {@code memory} and {@code schema} only.
 */
package dev.lightstream.array;
