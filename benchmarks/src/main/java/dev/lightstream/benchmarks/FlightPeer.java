package dev.lightstream.benchmarks;

import java.net.InetAddress;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Arrow Flight 19 as a peer: a server on loopback whose DoGet sends {@code copies} copies of one
 * root's batch (with Flight's callback backpressure), and a client that reads the stream and sums
 * column 0 of every batch.
 */
final class FlightPeer implements AutoCloseable {
    private static final byte[] TICKET = {'b', 'e', 'n', 'c', 'h'};

    private final FlightServer server;
    private final FlightClient client;

    private FlightPeer(FlightServer server, FlightClient client) {
        this.server = server;
        this.client = client;
    }

    static FlightPeer start(BufferAllocator allocator, VectorSchemaRoot root, long copies) throws Exception {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(host, 0), new Producer(root, copies))
                .build()
                .start();
        FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure(host, server.getPort())).build();
        return new FlightPeer(server, client);
    }

    /** One DoGet, read to its end. */
    Moved doGet() throws Exception {
        long rows = 0;
        long sum = 0;
        try (FlightStream stream = client.getStream(new Ticket(TICKET))) {
            VectorSchemaRoot root = stream.getRoot();
            while (stream.next()) {
                sum += Theirs.sum(root);
                rows += root.getRowCount();
            }
        }
        return new Moved(rows, 0, sum);
    }

    @Override
    public void close() throws Exception {
        try (server; client) {
            // closes both
        }
    }

    private static final class Producer extends NoOpFlightProducer {
        private final VectorSchemaRoot root;
        private final long copies;

        Producer(VectorSchemaRoot root, long copies) {
            this.root = root;
            this.copies = copies;
        }

        @Override
        public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
            BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
            backpressure.register(listener);
            listener.start(root);
            for (long i = 0; i < copies; i++) {
                // Wait for the ready callback, re-checking every millisecond: a signal that comes
                // between Flight's check and its wait is otherwise lost (a run stalled for 60 s).
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!listener.isReady()) {
                    if (listener.isCancelled()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        listener.error(CallStatus.TIMED_OUT.withDescription("client not ready for 60 s")
                                .toRuntimeException());
                        return;
                    }
                    backpressure.waitForListener(1);
                }
                listener.putNext();
            }
            listener.completed();
        }
    }
}
