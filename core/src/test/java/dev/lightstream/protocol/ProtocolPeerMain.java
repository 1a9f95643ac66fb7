package dev.lightstream.protocol;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.stdio.StdioTransport;

/**
 * The child process of {@link ProtocolOverStdioTest}: speaks the protocol to its parent over
 * stdin/stdout and reports on stderr (stdout carries only the protocol).
 *
 * <p>{@code traffic <seed> <peerSeed>}: registers the {@link Traffic} names in reverse order, sends
 * its traffic while checking the parent's, and prints {@code RESULT <received>} once both are done
 * and every block is freed; any failure prints its stack trace and exits with status 1.
 */
public final class ProtocolPeerMain {
    private ProtocolPeerMain() {}

    public static void main(String[] args) {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            Connection parent = StdioTransport.open();
            Traffic.Received received;
            try (LightstreamConnection connection = new LightstreamConnection(parent, allocator)) {
                Traffic.register(connection, true);
                received = Traffic.run(connection, allocator, Long.parseLong(args[1]), Long.parseLong(args[2]));
            }
            System.err.println("RESULT " + received);
        } catch (Throwable t) {
            t.printStackTrace(System.err);
            System.exit(1);
        }
    }
}
