package dev.lightstream.protocol;

import dev.lightstream.schema.Schema;
import java.util.Objects;

/**
 * One registered name of a {@link LightstreamConnection}: its kind, the tag this side puts on its
 * frames, and for a table its schema.
 *
 * @param name the name, 1 to 255 bytes of UTF-8
 * @param kind message or table
 * @param tag this side's tag for the name, 0 to 255, in registration order
 * @param schema the table's schema; null for a message channel
 */
public record Registration(String name, ChannelKind kind, int tag, Schema schema) {
    public Registration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (tag < 0 || tag > 255) {
            throw new IllegalArgumentException("tag=" + tag + " is not in 0..255");
        }
        if ((kind == ChannelKind.TABLE) != (schema != null)) {
            throw new IllegalArgumentException("a " + kind + " channel " + (schema == null ? "needs" : "takes no")
                    + " schema: name=" + name);
        }
    }

    /** "table 'metrics' (tag 3)", as error messages name a channel. */
    String describe() {
        return kind + " '" + name + "' (tag " + tag + ")";
    }
}
