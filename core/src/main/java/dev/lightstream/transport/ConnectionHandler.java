package dev.lightstream.transport;

/**
 * What a {@link ConnectionServer} runs for each accepted connection, on a virtual thread of its own.
 *
 * {@snippet :
 * ConnectionHandler echo = connection -> {
 *     ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
 *     while (connection.read(buffer) >= 0) {
 *         connection.write(buffer.flip());
 *         buffer.clear();
 *     }
 * };
 * }
 *
 * <p>The handler owns the connection while it runs; when it returns or throws, the server closes
 * the connection. Anything it throws goes to the server's {@link ConnectionErrorListener}. A handler
 * may start more threads (a writer beside its reader, say) but must join them before returning.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /** Serves one connection; blocking is fine. */
    void handle(Connection connection) throws Exception;
}
