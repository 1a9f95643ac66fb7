/**
 * The WebTransport transport of Lightstream ({@code https://host:port/path}) on flupke and kwik
 * (both LGPL-3.0, which is why this is a module of its own that nothing else depends on): client and
 * server, each bidirectional WebTransport stream a connection. Found by the core through
 * {@link dev.lightstream.transport.spi.TransportProvider}.
 */
module dev.lightstream.webtransport {
    requires dev.lightstream.core;
    requires tech.kwik.flupke;
    requires tech.kwik.core;

    exports dev.lightstream.webtransport;

    provides dev.lightstream.transport.spi.TransportProvider
            with dev.lightstream.webtransport.internal.WebTransportProvider;
}
