/**
 * The load test behind {@code lightstream loadtest}: one table server on loopback and many
 * concurrent clients, each batch checked by checksum, with the throughput and memory it took.
 *
 * {@snippet :
 * LoadTest.Config config = LoadTest.Config.defaults().withClients(500).withBatches(20);
 * try (BufferAllocator server = BufferAllocator.create(); BufferAllocator clients = BufferAllocator.create()) {
 *     LoadTest.Report report = LoadTest.run(config, server, clients);
 *     System.out.println(report.ok() + " " + report.phases());
 * }
 * }
 */
package dev.lightstream.cli.load;
