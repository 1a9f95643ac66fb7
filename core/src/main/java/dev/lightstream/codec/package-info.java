/**
 * The framing layer: sans-IO frame decoders and encoders, and the blocking reader and writer that
 * drive them over any byte channel.
 *
 * <p>A {@link dev.lightstream.codec.FrameDecoder} turns pushed bytes into frames and may offer the
 * memory a payload will live in, so that a {@link dev.lightstream.codec.FramedReader} reads from the
 * channel straight into it. A {@link dev.lightstream.codec.FrameEncoder} turns a frame into buffers
 * that a {@link dev.lightstream.codec.FramedWriter} sends in one gathering write. Transports only
 * move bytes; any format (TLV, Arrow IPC) plugs into any transport through these four types.
 *
 * <p>This package imports only {@code dev.lightstream.memory}.
 */
package dev.lightstream.codec;
