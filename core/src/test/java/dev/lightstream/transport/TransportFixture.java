package dev.lightstream.transport;

import java.io.IOException;

/** One transport as the shared transport tests see it: a way to listen and a way to connect. */
public interface TransportFixture {

    /** Starts a server with these options. */
    ConnectionServer listen(SocketOptions socketOptions, ServerOptions serverOptions, ConnectionHandler handler)
            throws IOException;

    /** Connects to {@code server}. */
    Connection connect(ConnectionServer server, SocketOptions options) throws IOException;

    /** True if an abrupt peer close shows as EOFException (TLS may instead report a missing close_notify). */
    default boolean abruptCloseIsEof() {
        return true;
    }

    /** Frees what the fixture made (temporary directories...). */
    default void cleanUp() {}
}
