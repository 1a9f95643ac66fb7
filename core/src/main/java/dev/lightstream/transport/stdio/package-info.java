/**
 * The stdio transport: {@link dev.lightstream.transport.stdio.StdioTransport} turns this process's
 * stdin and stdout (or any pair of one-way channels) into a
 * {@link dev.lightstream.transport.Connection}, through file channels, never streams.
 */
package dev.lightstream.transport.stdio;
