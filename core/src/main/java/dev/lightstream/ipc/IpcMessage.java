package dev.lightstream.ipc;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.util.Objects;

/**
 * One decoded message of an Arrow IPC stream, as {@link StreamDecoder} returns it.
 *
 * {@snippet :
 * switch (decoder.decode(bytes)) {
 *     case null -> { }                                         // needs more bytes
 *     case IpcMessage.SchemaMessage s -> System.out.println(s.schema());
 *     case IpcMessage.DictionaryBatch d -> { }                 // applied already
 *     case IpcMessage.RecordBatchMessage b -> { try (RecordBatch batch = b.batch()) { use(batch); } }
 *     case IpcMessage.EndOfStream e -> { }
 * }
 * }
 */
public sealed interface IpcMessage {

    /** The schema that opens a stream. */
    record SchemaMessage(Schema schema) implements IpcMessage {
        public SchemaMessage {
            Objects.requireNonNull(schema, "schema");
        }
    }

    /**
     * A dictionary batch, already applied by the decoder: {@code dictionary} is the whole
     * dictionary of {@code id} afterwards (the previous values followed by the new ones for a
     * delta). It stays readable while the decoder is open and until the next message of the same
     * id; batches that use it keep their own reference.
     */
    record DictionaryBatch(long id, boolean isDelta, Array dictionary) implements IpcMessage {
        public DictionaryBatch {
            Objects.requireNonNull(dictionary, "dictionary");
        }
    }

    /** A record batch; the receiver owns it and must close it. */
    record RecordBatchMessage(RecordBatch batch) implements IpcMessage {
        public RecordBatchMessage {
            Objects.requireNonNull(batch, "batch");
        }
    }

    /** The end-of-stream marker. */
    record EndOfStream() implements IpcMessage {}
}
