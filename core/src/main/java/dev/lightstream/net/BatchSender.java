package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.transport.InFlightLimiter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Sends every batch of a reader to a writer with a bounded read-ahead: a reading thread takes
 * batches from the source while the calling thread writes them, and an {@link InFlightLimiter}
 * stops the reading thread once the batches read and not yet written reach the limit. So a slow
 * peer blocks the writes, the writes stop freeing budget, the reads stop, and memory stays bounded:
 * backpressure from the socket back to the source.
 *
 * <pre>
 *  source --next()--> [reading thread] --acquire(bytes)--> queue --> [caller] --write()--> connection
 *                                                                       |-- close(batch), release(bytes)
 * </pre>
 *
 * <p>On any failure (the peer gone, the source broken, an interrupt) both threads stop, the batches
 * still queued are closed and the exception is thrown; the source is left to the caller to close.
 */
final class BatchSender {
    private static final Object END = new Object();

    private record Queued(RecordBatch batch, long charge) {}

    private record Failed(Throwable error) {}

    private BatchSender() {}

    /**
     * Sends the batches of {@code source} to {@code sink}, then finishes the stream.
     *
     * @throws IOException if reading or writing fails; the sink is then left unfinished
     * @throws InterruptedIOException if interrupted
     */
    static void send(BatchReader source, NetTableWriter sink, InFlightLimiter limiter, Transfer transfer)
            throws IOException {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().name("lightstream-read-ahead " + transfer.remote())
                .start(() -> readAhead(source, limiter, queue, transfer));
        boolean finished = false;
        Throwable failure = null;
        try {
            while (true) {
                Object item = take(queue);
                if (item == END) {
                    break;
                }
                if (item instanceof Failed failed) {
                    throw asIOException(failed.error());
                }
                Queued queued = (Queued) item;
                try {
                    sink.write(queued.batch());
                } finally {
                    queued.batch().close();
                    limiter.release(queued.charge());
                }
                transfer.sent(sink.bytesWritten());
            }
            sink.finish();
            finished = true;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (!finished) {
                limiter.close();   // wakes the reading thread if it waits for budget
                source.abort();    // and if it waits for a network source
                reader.interrupt(); // and if it waits on anything else
            }
            joinUninterruptibly(reader);
            drain(queue);
            if (failure != null) {
                transfer.failed(failure);
            }
            transfer.done(sink.bytesWritten());
        }
    }

    private static void readAhead(BatchReader source, InFlightLimiter limiter, BlockingQueue<Object> queue,
            Transfer transfer) {
        try {
            while (true) {
                RecordBatch batch = source.next();
                if (batch == null) {
                    queue.add(END);
                    return;
                }
                transfer.read();
                long charge = BatchBytes.charge(BatchBytes.of(batch), limiter.limit());
                try {
                    if (!limiter.tryAcquire(charge)) {
                        transfer.waiting(true); // only when the budget is spent: the writer is behind
                        try {
                            limiter.acquire(charge);
                        } finally {
                            transfer.waiting(false);
                        }
                    }
                } catch (Throwable t) {
                    batch.close();
                    throw t;
                }
                transfer.acquired();
                queue.add(new Queued(batch, charge));
            }
        } catch (Throwable t) {
            queue.add(new Failed(t));
        }
    }

    private static Object take(BlockingQueue<Object> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        }
    }

    private static IOException asIOException(Throwable error) {
        if (error instanceof IOException io) {
            return io;
        }
        if (error instanceof InterruptedException) {
            return new InterruptedIOException("interrupted while reading the source");
        }
        if (error instanceof RuntimeException r) {
            throw r;
        }
        if (error instanceof Error e) {
            throw e;
        }
        return new IOException(error);
    }

    /** Closes the batches nobody will send. */
    private static void drain(BlockingQueue<Object> queue) {
        for (Object item; (item = queue.poll()) != null; ) {
            if (item instanceof Queued queued) {
                queued.batch().close();
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
