package dev.lightstream.cli.demo;

import dev.lightstream.cli.io.IpcFormat;
import java.util.List;

/** The rounds the demo runs, in order. */
public final class DemoRounds {
    private DemoRounds() {}

    /**
     * An IPC file, then an IPC stream, each written to the demo directory and read back; then the
     * same table through TCP, a Unix socket and a stdio pipe from a second process.
     */
    public static List<DemoRound> defaults() {
        return List.of(new IpcRound(IpcFormat.FILE), new IpcRound(IpcFormat.STREAM),
                new TransportRound(TransportRound.Kind.TCP), new TransportRound(TransportRound.Kind.UNIX),
                new TransportRound(TransportRound.Kind.STDIO));
    }
}
