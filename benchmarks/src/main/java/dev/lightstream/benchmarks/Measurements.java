package dev.lightstream.benchmarks;

import dev.lightstream.ipc.CompressionType;
import dev.lightstream.parquet.ParquetCompression;
import java.util.List;

/** The measurements of issues 7, 9 and 6, by name, in the order they run. */
final class Measurements {
    static final List<String> NAMES = List.of("tcp-64k", "ws-64k", "quic-64k", "webtransport-64k", "tcp-1k",
            "uds-64k", "uds-1k", "mem-64k", "mem-1k", "file-write", "file-read", "mmap-open", "mmap-open-64k",
            "mmap-scan", "flight-64k", "flight-1k", "lz4-stream", "zstd-stream", "protocol-small", "protocol-table",
            "csv-read", "parquet-write", "parquet-write-none", "parquet-read", "parquet-read-none");

    private static final int BIG = 65_536;
    private static final int SMALL = 1_024;

    private Measurements() {}

    /**
     * A new measurement.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Measurement create(String name) {
        return switch (name) {
            case "tcp-64k" -> stream(name, Connections.Kind.TCP, BIG, CompressionType.NONE,
                    StreamMeasurement.Peers.ARROW_JAVA_AND_PUMP);
            // Issue 6: the transports of the optional modules, beside tcp-64k.
            case "ws-64k" -> new TransportMeasurement(name, "ws", BIG);
            case "quic-64k" -> new TransportMeasurement(name, "quic", BIG);
            case "webtransport-64k" -> new TransportMeasurement(name, "https", BIG);
            case "tcp-1k" -> stream(name, Connections.Kind.TCP, SMALL, CompressionType.NONE,
                    StreamMeasurement.Peers.ARROW_JAVA_AND_PUMP);
            case "uds-64k" -> stream(name, Connections.Kind.UDS, BIG, CompressionType.NONE,
                    StreamMeasurement.Peers.ARROW_JAVA_AND_PUMP);
            case "uds-1k" -> stream(name, Connections.Kind.UDS, SMALL, CompressionType.NONE,
                    StreamMeasurement.Peers.ARROW_JAVA_AND_PUMP);
            case "mem-64k" -> new MemoryMeasurement(name, BIG);
            case "mem-1k" -> new MemoryMeasurement(name, SMALL);
            case "file-write" -> new FileMeasurement(name, true);
            case "file-read" -> new FileMeasurement(name, false);
            case "mmap-open" -> new MmapMeasurement(name, MmapMeasurement.Kind.OPEN);
            case "mmap-open-64k" -> new MmapMeasurement(name, MmapMeasurement.Kind.OPEN_64K);
            case "mmap-scan" -> new MmapMeasurement(name, MmapMeasurement.Kind.SCAN);
            case "flight-64k" -> stream(name, Connections.Kind.TCP, BIG, CompressionType.NONE,
                    StreamMeasurement.Peers.FLIGHT);
            case "flight-1k" -> stream(name, Connections.Kind.TCP, SMALL, CompressionType.NONE,
                    StreamMeasurement.Peers.FLIGHT);
            // 1K-row batches: Arrow Java's LZ4 (commons-compress) slows down with the size of a
            // buffer; at 64K rows it moves about 0.02 MB/s, which no run can wait for.
            case "lz4-stream" -> stream(name, Connections.Kind.TCP, SMALL, CompressionType.LZ4_FRAME,
                    StreamMeasurement.Peers.ARROW_JAVA);
            case "zstd-stream" -> stream(name, Connections.Kind.TCP, SMALL, CompressionType.ZSTD,
                    StreamMeasurement.Peers.ARROW_JAVA);
            // The Lightstream protocol over TCP against the raw pump (issue 7's protocol measurements).
            case "protocol-small" -> new ProtocolMeasurement(name, ProtocolMeasurement.Kind.SMALL, 0);
            case "protocol-table" -> new ProtocolMeasurement(name, ProtocolMeasurement.Kind.TABLE, BIG);
            // Issue 9: CSV and Parquet against DuckDB (one thread), FastCSV and parquet-java.
            case "csv-read" -> new CsvReadMeasurement(name);
            case "parquet-write" -> new ParquetMeasurement(name, true, ParquetCompression.ZSTD);
            case "parquet-write-none" -> new ParquetMeasurement(name, true, ParquetCompression.UNCOMPRESSED);
            case "parquet-read" -> new ParquetMeasurement(name, false, ParquetCompression.ZSTD);
            case "parquet-read-none" -> new ParquetMeasurement(name, false, ParquetCompression.UNCOMPRESSED);
            default -> throw new IllegalArgumentException("unknown measurement '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }

    private static Measurement stream(String name, Connections.Kind kind, int rows, CompressionType compression,
            StreamMeasurement.Peers peers) {
        return new StreamMeasurement(name, kind, rows, compression, peers);
    }
}
