package dev.lightstream.benchmarks;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

/**
 * {@code file-write} and {@code file-read}: the IPC file format through each library's file writer
 * and reader (the reader summing a column of every batch), 65,536-row batches, files in the page
 * cache (no fsync: the disk is not what is measured). The raw pump writes or reads as many bytes
 * with plain {@link FileChannel} calls.
 */
final class FileMeasurement extends Measurement {
    private static final int BATCH_ROWS = 65_536;

    private final boolean write;
    private BufferAllocator allocator;
    private RootAllocator rootAllocator;
    private RecordBatch batch;
    private VectorSchemaRoot root;
    private Path oursFile;
    private Path theirsFile;
    private Path pumpFile;
    private long copies;

    FileMeasurement(String name, boolean write) {
        super(name, MB_PER_S);
        this.write = write;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        rootAllocator = new RootAllocator();
        BenchData data = BenchData.generate(BATCH_ROWS, 13);
        batch = data.toBatch(allocator);
        root = data.toRoot(rootAllocator);
        long perBatch = Ours.writeStream(new StreamMeasurement.CountingChannel(), batch, 2, allocator,
                IpcWriteOptions.DEFAULT) - Ours.writeStream(new StreamMeasurement.CountingChannel(), batch, 1, allocator,
                IpcWriteOptions.DEFAULT);
        copies = Math.max(1, scale.fileBytes() / perBatch);
        referenceRows = copies * BATCH_ROWS;
        oursFile = workspace.tempDir().resolve(name() + "-ours.arrow");
        theirsFile = workspace.tempDir().resolve(name() + "-theirs.arrow");
        pumpFile = workspace.tempDir().resolve(name() + "-pump.bin");
        writeOurs();
        writeTheirs();
        referenceBytes = Files.size(oursFile);
        if (write) {
            return List.of(
                    new Side(Side.OURS, this::writeOurs),
                    new Side(Side.ARROW_JAVA, this::writeTheirs),
                    new Side(Side.RAW_PUMP, () -> new Moved(0, RawPump.write(create(pumpFile), referenceBytes), 0)));
        }
        return List.of(
                new Side(Side.OURS, this::readOurs),
                new Side(Side.ARROW_JAVA, this::readTheirs),
                new Side(Side.RAW_PUMP, () -> RawPump.read(FileChannel.open(oursFile))));
    }

    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private Moved writeOurs() throws IOException {
        try (ArrowFileWriter writer = new ArrowFileWriter(create(oursFile), batch.schema(), allocator)) {
            for (long i = 0; i < copies; i++) {
                writer.write(batch);
            }
            writer.finish();
            return new Moved(copies * batch.rowCount(), writer.bytesWritten(), 0);
        }
    }

    private Moved writeTheirs() throws IOException {
        try (FileChannel channel = create(theirsFile);
             org.apache.arrow.vector.ipc.ArrowFileWriter writer =
                     new org.apache.arrow.vector.ipc.ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (long i = 0; i < copies; i++) {
                writer.writeBatch();
            }
            writer.end();
            return new Moved(copies * root.getRowCount(), writer.bytesWritten(), 0);
        }
    }

    private Moved readOurs() throws IOException {
        long rows = 0;
        long sum = 0;
        try (dev.lightstream.ipc.ArrowFileReader reader = new dev.lightstream.ipc.ArrowFileReader(oursFile, allocator)) {
            for (int i = 0; i < reader.batchCount(); i++) {
                try (RecordBatch b = reader.batch(i)) {
                    sum += Ours.sum(b);
                    rows += b.rowCount();
                }
            }
        }
        return new Moved(rows, Files.size(oursFile), sum);
    }

    private Moved readTheirs() throws IOException {
        long rows = 0;
        long sum = 0;
        try (FileChannel channel = FileChannel.open(theirsFile);
             ArrowFileReader reader = new ArrowFileReader(channel, rootAllocator)) {
            VectorSchemaRoot r = reader.getVectorSchemaRoot();
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                sum += Theirs.sum(r);
                rows += r.getRowCount();
            }
        }
        return new Moved(rows, Files.size(theirsFile), sum);
    }

    @Override
    public void close() throws IOException {
        for (Path p : new Path[] {oursFile, theirsFile, pumpFile}) {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        }
        if (batch != null) {
            batch.close();
        }
        if (root != null) {
            root.close();
        }
        if (rootAllocator != null) {
            rootAllocator.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }
}
