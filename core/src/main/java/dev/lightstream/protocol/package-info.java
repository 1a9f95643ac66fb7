/**
 * The Lightstream protocol: named message types and named Arrow tables multiplexed on one
 * {@link dev.lightstream.transport.Connection}, whatever the transport (TCP, TLS, Unix sockets,
 * stdio). {@link dev.lightstream.protocol.LightstreamConnection} is the entry point; it sees only the
 * transport API, never a concrete transport.
 *
 * {@snippet :
 * LightstreamConnection connection = new LightstreamConnection(transportConnection, allocator);
 * connection.registerMessage("command");
 * connection.registerTable("metrics", schema);
 * connection.sendTable("metrics", batch);       // runs the handshake first
 * connection.flush();
 * LightstreamMessage next = connection.receive();
 * }
 *
 * <h2>Wire format</h2>
 * Each side first sends a handshake, then frames; all integers are little-endian.
 *
 * <pre>
 * handshake (once, from each side, before anything else):
 * 0        4         6         8                 12                16
 * +--------+---------+---------+-----------------+-----------------+---------------------------+
 * | "LSTP" | version | flags   | max frame bytes | body length n   | body (n bytes)            |
 * |        | u16 = 1 | u16 = 0 | u32             | u32             |                           |
 * +--------+---------+---------+-----------------+-----------------+---------------------------+
 * body: [count: u16] then count x [kind: u8][tag: u8][name length: u8][name: UTF-8]
 *       kind 0 = message, 1 = table; count at most 256; names 1..255 bytes, unique; tags unique
 *
 * frame (any number, in any order, after the handshake):
 * 0       1                 5
 * +-------+-----------------+--------------------------------------------------------------+
 * | tag   | length n: u32   | payload (n bytes)                                            |
 * | u8    |                 |   message channel: the message's bytes                       |
 * |       |                 |   table channel:   one encapsulated Arrow IPC message        |
 * +-------+-----------------+--------------------------------------------------------------+
 *
 * one table channel over time (each line one frame with the channel's tag):
 *   Schema                      the first send only
 *   DictionaryBatch id=0        each dictionary the first batch uses
 *   RecordBatch
 *   RecordBatch                 nothing else while the dictionaries stay the same arrays
 *   DictionaryBatch id=0 delta  a dictionary that grew: only the new values
 *   RecordBatch
 *   DictionaryBatch id=0        a dictionary that changed otherwise: a replacement
 *   RecordBatch
 * </pre>
 *
 * <p>The tag of a frame is the sender's tag for the name, as its handshake announced; the receiver
 * maps it to its own registration by name, so the two sides may register in different orders.
 * The handshake fails on both sides, naming every difference, when a name is registered on one
 * side only or with two kinds ({@link dev.lightstream.protocol.ProtocolMismatchException}), or when
 * the versions differ ({@link dev.lightstream.protocol.ProtocolVersionException}). A sender never
 * sends a frame longer than the maximum the peer announced. A table channel's frames, read in order,
 * are exactly an Arrow IPC stream without its end-of-stream marker; each channel has its own
 * dictionaries.
 *
 * <h2>Flow</h2>
 * {@link dev.lightstream.protocol.LightstreamPublisher} publishes what a connection receives,
 * reading only as demand allows; {@link dev.lightstream.protocol.LightstreamSubscriber} sends what it
 * is given. Payload helpers for MessagePack and Protobuf live in the optional modules
 * {@code lightstream-protocol-msgpack} and {@code lightstream-protocol-protobuf}.
 */
package dev.lightstream.protocol;
