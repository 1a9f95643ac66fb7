/**
 * The WebTransport transport: {@link dev.lightstream.webtransport.WebTransportTransport} listens on
 * and connects to {@code https://host:port/path}; each bidirectional WebTransport stream is a
 * {@link dev.lightstream.transport.Connection}. Built on flupke and kwik, which are LGPL-3.0: this
 * module is optional and nothing else in Lightstream depends on it.
 */
package dev.lightstream.webtransport;
