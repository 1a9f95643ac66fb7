package dev.lightstream.cli;

/**
 * The command's choice of logging for Netty (the websocket and quic modules): the JDK's. Netty
 * otherwise picks SLF4J because parquet-java brings slf4j-api 1.7, which has no binding here and
 * prints three lines on stderr the first time Netty asks it for a logger, on every
 * {@code ws://} or {@code quic://} run. A library must not make this choice for its users; the
 * command, an application, does. Netty is found by name: the cli compiles without it (its modules
 * are on the class path at run time only).
 */
final class NettyLogging {
    private NettyLogging() {}

    /** Before any Netty class logs: Netty's logger factory becomes the JDK's, if Netty is here at all. */
    static void useJdkLogging() {
        try {
            Class<?> factory = Class.forName("io.netty.util.internal.logging.InternalLoggerFactory");
            Object jdk = Class.forName("io.netty.util.internal.logging.JdkLoggerFactory").getField("INSTANCE").get(null);
            factory.getMethod("setDefaultFactory", factory).invoke(null, jdk);
        } catch (ReflectiveOperationException | LinkageError notHere) {
            // no Netty on the class path (or another version's layout): nothing to choose
        }
    }
}
