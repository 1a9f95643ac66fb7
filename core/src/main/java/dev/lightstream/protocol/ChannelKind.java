package dev.lightstream.protocol;

/**
 * What a registered name carries: opaque {@linkplain #MESSAGE messages} or Arrow
 * {@linkplain #TABLE table} batches. Both sides of a connection must agree on the kind of every
 * name; the handshake checks it.
 */
public enum ChannelKind {
    /** Opaque byte payloads, one per frame: raw bytes, MessagePack, Protobuf... */
    MESSAGE(0),
    /** Record batches of one schema, sent as Arrow IPC messages with schema and dictionaries as needed. */
    TABLE(1);

    private final int code;

    ChannelKind(int code) {
        this.code = code;
    }

    /** The kind's code in the handshake. */
    int code() {
        return code;
    }

    /** The kind with handshake code {@code code}, or null. */
    static ChannelKind ofCode(int code) {
        for (ChannelKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }

    /** "message" or "table", as messages print it. */
    @Override
    public String toString() {
        return this == MESSAGE ? "message" : "table";
    }
}
