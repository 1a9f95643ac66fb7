/**
 * flupke and kwik glue of the WebTransport transport: streams as connections, the server and its
 * acceptor, the client sessions. Not exported.
 */
package dev.lightstream.webtransport.internal;
