package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * A writer that records what it is asked to do; each write waits for a permit (none are given
 * unless the test says so: the peer is "slow" until then) and may be told to fail.
 */
final class RecordingWriter implements BatchWriter {
    final Semaphore permits = new Semaphore(0);
    final List<Integer> writtenRows = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile int failAtWrite = -1;

    @Override
    public Schema schema() {
        return Generated.SCHEMA;
    }

    @Override
    public void write(RecordBatch batch) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
        }
        if (writtenRows.size() == failAtWrite) {
            calls.add("write failed");
            throw new IOException("peer gone (test)");
        }
        if (batch.isClosed()) {
            throw new IllegalStateException("given a closed batch");
        }
        writtenRows.add(batch.rowCount());
        calls.add("write");
    }

    @Override
    public void finish() {
        calls.add("finish");
    }

    @Override
    public void abort() {
        calls.add("abort");
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
