/**
 * Arrow IPC: the stream and file formats of the Arrow columnar specification ("Serialization and
 * Interprocess Communication"), read and written zero-copy, safe on hostile input.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.lightstream.ipc.ArrowStreamReader} and {@link dev.lightstream.ipc.ArrowStreamWriter}:
 *       the stream format over channels.</li>
 *   <li>{@link dev.lightstream.ipc.ArrowFileReader} (random access to batches) and
 *       {@link dev.lightstream.ipc.ArrowFileWriter}: the file format.</li>
 *   <li>{@link dev.lightstream.ipc.SegmentStreamReader}: a stream already in memory, read in place
 *       (batches are views of the caller's segment).</li>
 *   <li>{@link dev.lightstream.ipc.ArrowMappedFileReader}: the file format memory-mapped, batches
 *       whose buffers are views of the mapping (constant-time open and random access).</li>
 *   <li>{@link dev.lightstream.ipc.StreamDecoder}: the sans-IO decoder under the stream reader, a
 *       {@link dev.lightstream.codec.FrameDecoder} of {@link dev.lightstream.ipc.IpcMessage}s;
 *       {@link dev.lightstream.ipc.MessageFrameDecoder}: the message framing alone, for relays.</li>
 *   <li>{@link dev.lightstream.ipc.CompressionCodec}: the service interface of body compression,
 *       implemented by the {@code lightstream-compression} module.</li>
 * </ul>
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create()) {
 *     try (ArrowFileWriter writer = new ArrowFileWriter(path, batch.schema(), allocator)) {
 *         writer.write(batch);
 *     }
 *     try (ArrowFileReader reader = new ArrowFileReader(path, allocator);
 *          RecordBatch first = reader.batch(0)) {
 *         System.out.println(first.column(0).getObject(0));
 *     }
 * }
 * }
 *
 * <h2>What is read</h2>
 * Metadata versions V4 and V5 (V1 to V3 and later versions raise
 * {@link dev.lightstream.ipc.UnsupportedIpcFeatureException}); the current framing and the
 * pre-0.15 one without continuation marker, with both end-of-stream markers; every type of the
 * model, dictionaries by id (shared, nested, deltas, replacements in streams, signed and unsigned
 * index types); LZ4_FRAME and ZSTD body compression; big-endian data. Tensor and sparse tensor
 * messages are refused.
 *
 * <h2>Zero-copy, and exactly when buffers are copied</h2>
 * A message body is read into one 64-byte-aligned block (or, by the mapped file reader, left in
 * the mapping), and the arrays of the batch are slices of it. The batch retains that block and the blocks of the dictionaries it uses, and releases them
 * when closed. A buffer is copied only in these cases:
 * <ul>
 *   <li><b>Compressed bodies.</b> Every buffer of the batch is decompressed (or, for a buffer
 *       stored raw with the length prefix {@code -1}, copied) into one new aligned block per
 *       batch, each buffer at a multiple of 64 bytes; the compressed body is released.</li>
 *   <li><b>Buffers misaligned for their values.</b> A buffer whose address is not a
 *       multiple of its value width (2 for 16-bit values; 4 for 32-bit values, offsets of 32 bits
 *       and binary views; 8 for 64-bit values and offsets, decimals of 128 and 256 bits and
 *       month-day-nano intervals; bitmaps and bytes need no alignment) is copied into one extra
 *       aligned block per batch, together with the other such buffers of the batch. Only those
 *       buffers: the 8-byte alignment other writers use never causes a copy. Such offsets are not
 *       refused: the format asks writers for 8-byte alignment, but readers of Arrow (C++ among
 *       them) accept less and realign, and so does this one.</li>
 *   <li><b>Big-endian data</b> is converted to little-endian in place, in the body block the
 *       reader owns: no copy, but a pass over every buffer of a multi-byte type. A mapped body is
 *       read-only, so there those buffers are copied first.</li>
 *   <li><b>V4 unions</b> with null slots: their validity moves into the selected child values, in
 *       place in the body, or in a new bitmap block when the child has no bitmap.</li>
 *   <li><b>Delta dictionaries</b> are concatenated with the dictionary they extend into new
 *       blocks.</li>
 * </ul>
 *
 * <h2>Safety on hostile input</h2>
 * Every length read from the input is checked against the maxima of
 * {@link dev.lightstream.ipc.IpcReadOptions} before anything is allocated for it
 * ({@link dev.lightstream.codec.FrameTooLargeException}); bodies over
 * {@link dev.lightstream.ipc.IpcReadOptions#PREALLOCATE_BYTES} grow as their bytes arrive. Every
 * buffer is checked to lie inside its body and to be long enough for its field node; field node
 * and buffer counts are checked against the schema. Bad input raises
 * {@link dev.lightstream.ipc.InvalidIpcException} naming the message, field path and buffer,
 * truncated input {@link java.io.EOFException}; no unchecked exception escapes a reader.
 *
 * <h2>Content validation, and what it costs</h2>
 * With {@link dev.lightstream.ipc.IpcReadOptions#validateContents()} on (the default), every
 * record batch and every dictionary batch goes through {@link dev.lightstream.array.ArrayValidator}
 * once it is loaded: offsets (never decreasing, inside their data or child), list views, binary
 * views (buffer index, offset, length, prefix), union type ids and dense offsets, dictionary
 * indices, run ends, null counts against validity bitmaps, map entries and keys. A refusal is an
 * {@code InvalidIpcException} such as {@code message 3 (record batch): field 'points.item':
 * offsets decrease at slot 3: 12 then 8}, whose cause is the validator's
 * {@link dev.lightstream.array.InvalidArrayException} (with {@code path()}). A dictionary is
 * validated once, when its batch arrives (a delta joined to a valid dictionary stays valid); the
 * batches that use it have only their indices checked against it. After validation every accessor
 * of the batch stays inside its buffers. UTF-8 well-formedness is not checked (accessors decode
 * malformed bytes with replacement characters), nor decimal precision.
 *
 * <p>Turned off, only the O(1) checks above run. Measured with
 * {@code ValidationCost} (core test sources; median of 1,000 rounds, JDK 25, one core of a
 * shared 2-core machine) on int64, float64, utf8 (0 to 16 bytes) and nullable bool columns, 1.9 MB
 * of stream decoded from memory by a {@link dev.lightstream.ipc.StreamDecoder}:
 * <table>
 *   <caption>Decoding with and without content validation</caption>
 *   <tr><th>stream</th><th>validated</th><th>not validated</th><th>the validator alone</th></tr>
 *   <tr><td>1 batch of 65,536 rows</td><td>74 µs (1.1 ns/row)</td><td>58 µs (0.9 ns/row)</td>
 *       <td>16 µs (0.25 ns/row): +28%</td></tr>
 *   <tr><td>64 batches of 1,024 rows</td><td>120 µs (1.8 ns/row)</td><td>99 µs (1.5 ns/row)</td>
 *       <td>20 µs (0.3 ns/row, 0.3 µs a batch): +21%</td></tr>
 * </table>
 * The validator's time is almost all the utf8 offsets (one pass, 4 bytes a row) and the bitmap
 * count (one bit a row); fixed-width columns without nulls cost it nothing. Decoding from memory
 * is a copy into the body block and a walk of the metadata, so these percentages are an upper
 * bound: reading from a file or a socket adds I/O that validation does not. Turn validation off
 * only for data from a writer you trust.
 *
 * <h2>What is written</h2>
 * Metadata version V5, little-endian, the current framing. Every buffer starts at a multiple of
 * 64 bytes of its body and is padded to 64; metadata is padded so that bodies start at multiples
 * of 64 in the output. Sliced arrays are written as the slice (bitmaps shifted, offsets rebased,
 * only the referenced child range, run ends clipped). Each message is one gathering write with no
 * copy of the body. Dictionaries are sent when a batch first uses them, then as deltas or
 * replacements (deltas only in files).
 */
package dev.lightstream.ipc;
