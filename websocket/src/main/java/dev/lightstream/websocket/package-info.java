/**
 * The WebSocket transport: {@link dev.lightstream.websocket.WebSocketTransport} connects to and
 * listens on {@code ws://} and {@code wss://} endpoints; each WebSocket is a
 * {@link dev.lightstream.transport.Connection}, a byte stream over its binary messages, so Arrow IPC
 * readers and writers and the protocol run over it unchanged. The server shows a browser page at
 * {@code /} that reads the stream at {@code /stream} with Apache Arrow JS.
 */
package dev.lightstream.websocket;
