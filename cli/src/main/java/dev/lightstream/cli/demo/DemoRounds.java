package dev.lightstream.cli.demo;

import dev.lightstream.cli.io.IpcFormat;
import java.util.List;

/** The rounds the demo runs, in order. */
public final class DemoRounds {
    private DemoRounds() {}

    /** An IPC file, then an IPC stream, each written to the demo directory and read back. */
    public static List<DemoRound> defaults() {
        return List.of(new IpcRound(IpcFormat.FILE), new IpcRound(IpcFormat.STREAM));
    }
}
