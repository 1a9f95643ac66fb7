/**
 * The IPC body compression codecs of the Arrow format, {@code LZ4_FRAME} and {@code ZSTD}, over
 * aircompressor: {@link dev.lightstream.compression.Lz4FrameCodec} and
 * {@link dev.lightstream.compression.ZstdCodec}. Putting this module on the class or module path
 * is all it takes: readers and writers find the codecs through
 * {@link dev.lightstream.ipc.CompressionCodec#find}.
 *
 * <p>aircompressor uses native libzstd and liblz4 through {@code java.lang.foreign} when it can,
 * and its pure Java implementation otherwise. Neither needs a JVM flag; the JDK prints a one-time
 * warning about restricted methods (native) or {@code sun.misc.Unsafe} (pure Java) on standard
 * error, which {@code --enable-native-access=ALL-UNNAMED} (or the module name
 * {@code aircompressor.v3}) silences for the native path.
 */
package dev.lightstream.compression;
