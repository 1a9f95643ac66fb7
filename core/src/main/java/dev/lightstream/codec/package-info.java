/**
 * Framing without I/O, and the blocking reader and writer that drive it over any channel: a
 * {@link dev.lightstream.codec.FrameDecoder} turns bytes pushed in any split into frames, a
 * {@link dev.lightstream.codec.FrameEncoder} turns frames into buffers to write. Formats (Arrow IPC
 * messages, TLV) implement them; readers and transports only move bytes.
 *
 * {@snippet :
 * FrameDecoder<F> decoder = ...;
 * F frame;
 * while ((frame = decoder.decode(chunk)) != null) {
 *     handle(frame);
 * }
 * }
 *
 * <p>{@link dev.lightstream.codec.FramedReader} runs a decoder over a
 * {@link java.nio.channels.ReadableByteChannel}, reading straight into the memory a decoder offers
 * as its direct buffer; {@link dev.lightstream.codec.FramedWriter} sends each encoded frame (or
 * batch) with one gathering write. Any format thus runs over any transport.
 *
 * <p>Bad input raises checked exceptions: {@link dev.lightstream.codec.FrameTooLargeException} for
 * a declared length over the configured maximum (checked before anything is allocated),
 * {@link dev.lightstream.codec.CorruptFrameException} for other malformed framing. This package
 * imports only {@code memory}.
 */
package dev.lightstream.codec;
