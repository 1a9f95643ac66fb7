/**
 * Netty glue of the WebSocket transport: the channel pipelines, the frame bridge that feeds a
 * {@link dev.lightstream.transport.spi.BridgeConnection}, the acceptor and the page handler. Not exported.
 */
package dev.lightstream.websocket.internal;
