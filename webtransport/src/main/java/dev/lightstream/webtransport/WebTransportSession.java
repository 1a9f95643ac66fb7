package dev.lightstream.webtransport;

import dev.lightstream.transport.Connection;
import java.io.IOException;

/**
 * A client's WebTransport session, on which it opens any number of bidirectional streams, each a
 * {@link Connection} that the server accepts as a connection of its own.
 *
 * {@snippet :
 * try (WebTransportSession session = WebTransportTransport.openSession(endpoint, SocketOptions.defaults(), tls)) {
 *     Connection first = session.openStream();
 *     Connection second = session.openStream();
 * }
 * }
 */
public interface WebTransportSession extends AutoCloseable {

    /** Opens a bidirectional stream. */
    Connection openStream() throws IOException;

    /** False once closed. */
    boolean isOpen();

    /** Closes the session (its streams end with an error on the peer). */
    @Override
    void close();
}
