package dev.lightstream.protocol;

import dev.lightstream.array.RecordBatch;
import java.util.Objects;

/**
 * A record batch on a named table channel. Received ones own their batch (its arrays are slices of
 * the IPC body block the bytes landed in); {@link #close()} closes it.
 *
 * {@snippet :
 * connection.send(new TableBatch("metrics", batch));      // the same as sendTable("metrics", batch)
 * }
 *
 * @param name the table channel's name
 * @param batch the batch
 */
public record TableBatch(String name, RecordBatch batch) implements LightstreamMessage {
    public TableBatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(batch, "batch");
    }

    /** Closes the batch. */
    @Override
    public void close() {
        batch.close();
    }
}
