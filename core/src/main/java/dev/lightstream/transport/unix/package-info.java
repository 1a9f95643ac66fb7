/**
 * The Unix domain socket transport: {@link dev.lightstream.transport.unix.UnixTransport} connects,
 * binds and listens on socket files with the JDK's own Unix domain sockets, removing stale socket
 * files safely and deleting its own on close.
 */
package dev.lightstream.transport.unix;
