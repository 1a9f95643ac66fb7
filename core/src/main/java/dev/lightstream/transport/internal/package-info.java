/**
 * What the transports share and users need not see: the {@link java.nio.channels.SocketChannel}
 * connection with its blocking and polled modes, timeout helpers, a watchdog for operations that
 * cannot time out on their own. Not exported.
 */
package dev.lightstream.transport.internal;
