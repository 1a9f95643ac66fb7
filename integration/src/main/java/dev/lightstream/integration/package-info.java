/**
 * The Arrow integration-testing JSON format: the human-readable "gold file" description of a
 * schema, its dictionaries and record batches that Arrow implementations check each other
 * against (apache/arrow-testing {@code data/arrow-ipc-stream/integration}).
 *
 * <ul>
 *   <li>{@link dev.lightstream.integration.IntegrationJsonReader} reads a {@code .json} or
 *       {@code .json.gz} file into the core model, buffers in 64-byte-aligned native blocks;</li>
 *   <li>{@link dev.lightstream.integration.IntegrationJsonWriter} writes the model back in the
 *       layout of Arrow's own generator;</li>
 *   <li>{@link dev.lightstream.integration.IntegrationComparator} compares two readings of a case
 *       (JSON against JSON, or against what an IPC reader produced) the way archery does, and
 *       reports the first differences by field path, batch and row.</li>
 * </ul>
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      IntegrationJsonFile gold = IntegrationJsonReader.read(jsonGz, allocator)) {
 *     Comparison result = IntegrationComparator.withQuirks(Quirk.forGoldFolder("cpp-21.0.0"))
 *             .compare(gold.data(), IntegrationData.of(ipcSchema, ipcBatches));
 *     System.out.println(result); // "equal", or one line per difference
 * }
 * }
 */
package dev.lightstream.integration;
