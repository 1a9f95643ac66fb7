/**
 * TLV framing: {@code [type: u8][length: u32 little-endian][value]} frames, the simplest message
 * format Lightstream speaks, for tags and opaque payloads over any byte pipe.
 *
 * <p>{@link dev.lightstream.codec.tlv.TlvDecoder} turns bytes into
 * {@link dev.lightstream.codec.tlv.TlvFrame}s whose values live in 64-byte-aligned memory blocks,
 * with a mandatory maximum value size checked before any allocation;
 * {@link dev.lightstream.codec.tlv.TlvEncoder} turns frames into buffers for one gathering write.
 * Drive them over a channel with {@link dev.lightstream.codec.FramedReader} and
 * {@link dev.lightstream.codec.FramedWriter}.
 */
package dev.lightstream.codec.tlv;
