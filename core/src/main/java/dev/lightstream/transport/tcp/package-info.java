/**
 * The TCP transport: {@link dev.lightstream.transport.tcp.TcpTransport} connects, binds and listens
 * with blocking {@link java.nio.channels.SocketChannel}s, TCP_NODELAY on by default.
 */
package dev.lightstream.transport.tcp;
