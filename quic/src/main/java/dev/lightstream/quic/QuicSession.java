package dev.lightstream.quic;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * A client's QUIC connection to a server, on which it opens any number of streams, each a
 * {@link Connection} of its own carrying one table (or any bytes); they run concurrently, with
 * independent flow control, over one UDP socket and one TLS handshake.
 *
 * {@snippet :
 * try (QuicSession session = QuicTransport.openSession(endpoint, SocketOptions.defaults(), tls)) {
 *     Connection prices = session.openStream();   // the server accepts it as a connection
 *     Connection trades = session.openStream();
 *     ... read and write both at once, on two threads ...
 * }
 * }
 *
 * <p>Closing the session closes the QUIC connection and every stream still open (their peers read an
 * error). Streams closed after both directions ended are given time to deliver their last bytes.
 */
public interface QuicSession extends AutoCloseable {

    /**
     * Opens a bidirectional stream; the server accepts it as a new connection.
     *
     * @throws IOException if the session is closed or the server allows no more streams for now
     */
    Connection openStream() throws IOException;

    /** The server's address. */
    SocketAddress remoteAddress();

    /** False once closed, by either side or by the idle timeout. */
    boolean isOpen();

    /** Closes the QUIC connection (without waiting for the peer). Idempotent. */
    @Override
    void close();
}
