/**
 * Arrow tables over the transports: record batches sent and received over any
 * {@link dev.lightstream.transport.Connection}, with servers, backpressure and
 * {@link java.util.concurrent.Flow} adapters.
 *
 * <ul>
 *   <li>{@link dev.lightstream.net.Transports} opens any {@link dev.lightstream.transport.Endpoint}
 *       ({@code tcp://}, {@code tls://}, {@code unix://}, {@code -} for stdio), so callers never switch on
 *       the scheme.</li>
 *   <li>{@link dev.lightstream.net.NetTableReader} and {@link dev.lightstream.net.NetTableWriter} read
 *       and write an Arrow IPC stream on a connection: zero-copy receive into the message body,
 *       gathering writes of the batch's own buffers.</li>
 *   <li>{@link dev.lightstream.net.TableServer} serves a {@link dev.lightstream.net.BatchSource} to every
 *       client, or receives a stream from every client with a {@link dev.lightstream.net.TableHandler};
 *       one virtual thread per connection, bytes in flight bounded per connection.</li>
 *   <li>{@link dev.lightstream.net.BatchReader} and {@link dev.lightstream.net.BatchWriter} are what
 *       any reader or writer looks like from here (IPC streams, files, the network);
 *       {@link dev.lightstream.net.BatchPublisher} and {@link dev.lightstream.net.BatchSubscriber}
 *       adapt them to {@link java.util.concurrent.Flow}, honouring demand.</li>
 * </ul>
 *
 * <p>This package sits above both {@code ipc} (which it encodes and decodes with) and
 * {@code transport} (which moves its bytes): the transports never see a batch, and the IPC
 * readers and writers never see a socket, only channels.
 */
package dev.lightstream.net;
