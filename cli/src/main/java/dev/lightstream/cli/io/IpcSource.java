package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.NetOptions;
import dev.lightstream.net.NetTableReader;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Endpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An opened Arrow IPC input of any format: a path or {@code -} (stdin), read batch by batch, or a
 * stream received from a server ({@link #connect}).
 *
 * <p>{@link #open} tells the format by content unless one is forced: a path whose first bytes are
 * {@code ARROW1} is read as a file (random access through its footer), anything else as a stream.
 * On stdin, a file is read as the stream it embeds after its 8-byte header, so that
 * {@code cat data.arrow | lightstream cat -} works too.
 *
 * {@snippet :
 * try (IpcSource source = IpcSource.open("data.arrow", null, allocator, IpcReadOptions.DEFAULT, console)) {
 *     for (RecordBatch next = source.next(); next != null; next = source.next()) {
 *         try (RecordBatch batch = next) {
 *             use(batch);
 *         }
 *     }
 * }
 * }
 */
public sealed interface IpcSource extends DataSource
        permits IpcSource.FileSource, IpcSource.StreamSource, IpcSource.NetworkSource {

    /** The format being read. */
    IpcFormat format();

    @Override
    default String description() {
        return format().description();
    }

    /** The path, or "stdin". */
    String name();

    Schema schema() throws IOException;

    /** The next batch, which the caller closes, or null at the end. */
    RecordBatch next() throws IOException;

    /** The number of batches, when a footer says it, else -1. */
    int batchCount();

    /**
     * The number of rows, when a footer lists the batches (read from their metadata, not their
     * bodies), else -1.
     */
    long rowCount() throws IOException;

    /** The share of the input read so far, in 0..1, or -1 when the size is unknown. */
    double fractionRead();

    @Override
    void close() throws IOException;

    /**
     * Opens {@code spec}: a path, or {@code -} for stdin.
     *
     * @param forced the format to read, or null to tell it from the content
     * @throws java.nio.file.NoSuchFileException if the path does not exist
     * @throws IOException if the input cannot be read or is not Arrow IPC
     */
    static IpcSource open(String spec, IpcFormat forced, BufferAllocator allocator, IpcReadOptions options,
            Console console) throws IOException {
        if (spec.equals("-")) {
            return openStdin(forced, allocator, options, console);
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            throw new IOException(spec + " is a directory, not an Arrow IPC file or stream");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            IpcFormat format = forced;
            if (format == null) {
                byte[] head = new byte[IpcFormat.MAGIC.length];
                int n = readAt(channel, ByteBuffer.wrap(head), 0);
                format = IpcFormat.isFileMagic(head, n) ? IpcFormat.FILE : IpcFormat.STREAM;
            }
            if (format == IpcFormat.FILE) {
                return new FileSource(spec, new ArrowFileReader(channel, allocator, options));
            }
            return new StreamSource(spec, IpcFormat.STREAM, new ArrowStreamReader(channel, allocator, options), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Connects to {@code endpoint} ({@code tcp://}, {@code tls://}, {@code unix://}) and reads the
     * stream its server sends.
     *
     * @throws IOException if the connection or the TLS handshake fails
     */
    static IpcSource connect(Endpoint endpoint, NetOptions options, BufferAllocator allocator) throws IOException {
        return new NetworkSource(endpoint.toString(), NetTableReader.connect(endpoint, allocator, options));
    }

    private static IpcSource openStdin(IpcFormat forced, BufferAllocator allocator, IpcReadOptions options,
            Console console) throws IOException {
        ReadableByteChannel stdin = console.stdinChannel();
        if (forced == IpcFormat.STREAM) {
            return new StreamSource("stdin", IpcFormat.STREAM, new ArrowStreamReader(stdin, allocator, options), null);
        }
        ByteBuffer head = ByteBuffer.allocate(IpcFormat.FILE_HEADER_BYTES);
        while (head.hasRemaining() && stdin.read(head) >= 0) {
            // read the header, or what there is of it
        }
        head.flip();
        byte[] bytes = new byte[head.remaining()];
        head.duplicate().get(bytes);
        if (IpcFormat.isFileMagic(bytes, bytes.length)) {
            // An IPC file is the magic, two bytes of padding, then a complete stream.
            return new StreamSource("stdin", IpcFormat.FILE, new ArrowStreamReader(stdin, allocator, options), null);
        }
        if (forced == IpcFormat.FILE) {
            throw new InvalidIpcException("stdin is not an Arrow file: its first 6 bytes are not ARROW1");
        }
        ReadableByteChannel whole = new PrefixedChannel(head, stdin);
        return new StreamSource("stdin", IpcFormat.STREAM, new ArrowStreamReader(whole, allocator, options), null);
    }

    private static int readAt(FileChannel channel, ByteBuffer target, long position) throws IOException {
        int total = 0;
        while (target.hasRemaining()) {
            int n = channel.read(target, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** An IPC file read through its footer. */
    final class FileSource implements IpcSource {
        private final String name;
        private final ArrowFileReader reader;
        private int nextBatch;
        private long rows = -1;

        FileSource(String name, ArrowFileReader reader) {
            this.name = name;
            this.reader = reader;
        }

        @Override
        public IpcFormat format() {
            return IpcFormat.FILE;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Schema schema() {
            return reader.schema();
        }

        @Override
        public RecordBatch next() throws IOException {
            return nextBatch < reader.batchCount() ? reader.batch(nextBatch++) : null;
        }

        @Override
        public int batchCount() {
            return reader.batchCount();
        }

        @Override
        public long rowCount() throws IOException {
            if (rows < 0) {
                long sum = 0;
                for (int i = 0; i < reader.batchCount(); i++) {
                    sum += reader.batchRowCount(i);
                }
                rows = sum;
            }
            return rows;
        }

        @Override
        public double fractionRead() {
            int count = reader.batchCount();
            return count == 0 ? 1.0 : (double) nextBatch / count;
        }

        /** The footer's custom metadata. */
        public java.util.Map<String, String> footerMetadata() {
            return reader.footerMetadata();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** A stream (or a file read as the stream it embeds), read message by message. */
    final class StreamSource implements IpcSource {
        private final String name;
        private final IpcFormat format;
        private final ArrowStreamReader reader;
        private final FileChannel file;

        StreamSource(String name, IpcFormat format, ArrowStreamReader reader, FileChannel file) {
            this.name = name;
            this.format = format;
            this.reader = reader;
            this.file = file;
        }

        @Override
        public IpcFormat format() {
            return format;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Schema schema() throws IOException {
            return reader.schema();
        }

        @Override
        public RecordBatch next() throws IOException {
            return reader.next();
        }

        @Override
        public int batchCount() {
            return -1;
        }

        @Override
        public long rowCount() {
            return -1;
        }

        @Override
        public double fractionRead() {
            if (file == null) {
                return -1;
            }
            try {
                long size = file.size();
                return size == 0 ? 1.0 : Math.min(1.0, (double) file.position() / size);
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** A stream received from a server. */
    final class NetworkSource implements IpcSource {
        private final String name;
        private final NetTableReader reader;

        NetworkSource(String name, NetTableReader reader) {
            this.name = name;
            this.reader = reader;
        }

        @Override
        public IpcFormat format() {
            return IpcFormat.STREAM;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Schema schema() throws IOException {
            return reader.schema();
        }

        @Override
        public RecordBatch next() throws IOException {
            return reader.next();
        }

        @Override
        public int batchCount() {
            return -1;
        }

        @Override
        public long rowCount() {
            return -1;
        }

        @Override
        public double fractionRead() {
            return -1;
        }

        /** Bytes received so far. */
        public long bytesRead() {
            return reader.bytesRead();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
