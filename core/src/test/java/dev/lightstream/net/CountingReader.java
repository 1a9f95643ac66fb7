package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A reader that counts its reads and, at each read, how far it runs ahead of the demand a
 * subscriber has signalled so far (read from {@code requested}, which the subscriber raises
 * before each request).
 */
final class CountingReader implements BatchReader {
    private final BatchReader delegate;
    private final LongSupplier requested;
    final AtomicLong calls = new AtomicLong();
    final AtomicLong maxAhead = new AtomicLong(Long.MIN_VALUE);
    volatile boolean closed;
    volatile boolean aborted;

    CountingReader(BatchReader delegate, LongSupplier requested) {
        this.delegate = delegate;
        this.requested = requested;
    }

    @Override
    public Schema schema() throws IOException {
        return delegate.schema();
    }

    @Override
    public RecordBatch next() throws IOException {
        long n = calls.incrementAndGet();
        maxAhead.accumulateAndGet(n - requested.getAsLong(), Math::max);
        return delegate.next();
    }

    @Override
    public void abort() {
        aborted = true;
        delegate.abort();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        delegate.close();
    }
}
