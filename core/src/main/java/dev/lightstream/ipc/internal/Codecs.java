package dev.lightstream.ipc.internal;

import dev.lightstream.ipc.CompressionCodec;
import dev.lightstream.ipc.CompressionType;
import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The compression codecs installed, looked up once through {@link ServiceLoader}. */
public final class Codecs {
    private static final Map<CompressionType, CompressionCodec> CODECS = load();

    private Codecs() {}

    /** The codec for {@code type}, or null when none is installed. */
    public static CompressionCodec installed(CompressionType type) {
        return CODECS.get(type);
    }

    private static Map<CompressionType, CompressionCodec> load() {
        Map<CompressionType, CompressionCodec> map = new EnumMap<>(CompressionType.class);
        ServiceLoader<CompressionCodec> loader =
                ServiceLoader.load(CompressionCodec.class, CompressionCodec.class.getClassLoader());
        for (CompressionCodec codec : loader) {
            map.putIfAbsent(codec.type(), codec);
        }
        return map;
    }
}
