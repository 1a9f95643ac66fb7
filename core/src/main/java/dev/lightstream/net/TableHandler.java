package dev.lightstream.net;

/**
 * What a receiving {@link TableServer} runs for each incoming stream, on the connection's own virtual
 * thread: read the batches, do something with them.
 *
 * {@snippet :
 * TableHandler count = stream -> {
 *     long rows = 0;
 *     for (RecordBatch batch; (batch = stream.next()) != null; ) {
 *         try (RecordBatch b = batch) {
 *             rows += batch.rowCount();
 *         }
 *     }
 *     log(stream.connection().remoteAddress() + " sent " + rows + " rows");
 * };
 * }
 *
 * <p>The server closes the reader (and its connection) when the handler returns or throws; what it
 * throws goes to the server's {@link dev.lightstream.transport.ConnectionErrorListener}. A peer that
 * disconnects mid-stream makes {@link NetTableReader#next()} throw {@link java.io.EOFException}.
 */
@FunctionalInterface
public interface TableHandler {

    /** Handles one incoming stream; blocking is fine. */
    void handle(NetTableReader stream) throws Exception;
}
