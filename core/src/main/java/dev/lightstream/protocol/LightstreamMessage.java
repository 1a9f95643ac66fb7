package dev.lightstream.protocol;

/**
 * One unit a {@link LightstreamConnection} carries: a {@link RawMessage} (a name and an opaque
 * payload) or a {@link TableBatch} (a table channel's name and a record batch). What
 * {@link LightstreamConnection#receive()} returns, and what {@link LightstreamConnection#send(LightstreamMessage)}
 * and the Flow subscriber take.
 *
 * {@snippet :
 * LightstreamMessage received;
 * while ((received = connection.receive()) != null) {
 *     try (received) {
 *         switch (received) {
 *             case RawMessage m when m.name().equals("command") -> execute(m.utf8());
 *             case RawMessage m -> log(m.name(), m.length());
 *             case TableBatch(String table, RecordBatch batch) -> store(table, batch);
 *         }
 *     }
 * }
 * }
 *
 * <p>A received message owns its memory (the payload's block, the batch's body and dictionaries):
 * whoever holds it closes it.
 */
public sealed interface LightstreamMessage extends AutoCloseable permits RawMessage, TableBatch {

    /** The registered name it was sent under. */
    String name();

    /** Releases the memory it owns. Idempotent. */
    @Override
    void close();
}
