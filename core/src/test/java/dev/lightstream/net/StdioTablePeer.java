package dev.lightstream.net;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.stdio.StdioTransport;
import java.nio.file.Path;

/**
 * The child process of the stdio table tests: sends tables to its parent over stdout, and reports
 * on stderr only (stdout carries nothing but Arrow bytes).
 *
 * <ul>
 *   <li>{@code send <file>...}: one stream per file, back to back on stdout ({@link TableServer#send}).</li>
 *   <li>{@code serve <file>}: a {@link TableServer} on the stdio endpoint {@code -}, until its one
 *       client is served.</li>
 * </ul>
 */
public final class StdioTablePeer {
    private StdioTablePeer() {}

    public static void main(String[] args) throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            switch (args[0]) {
                case "send" -> {
                    try (Connection parent = StdioTransport.open()) {
                        for (int i = 1; i < args.length; i++) {
                            TableServer.send(parent, BatchSource.ofFile(Path.of(args[i])), allocator,
                                    NetOptions.defaults());
                        }
                    }
                }
                case "serve" -> {
                    try (TableServer server = TableServer.serve(new Endpoint.Stdio(),
                            BatchSource.ofFile(Path.of(args[1])), allocator, NetOptions.defaults())) {
                        while (server.acceptedCount() == 0 || server.connectionCount() > 0) {
                            Thread.sleep(5);
                        }
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
        System.err.println("DONE");
    }
}
