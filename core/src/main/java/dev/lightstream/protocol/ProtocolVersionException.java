package dev.lightstream.protocol;

import java.util.List;

/** The peer speaks another version of the Lightstream protocol; nothing after the version was read. */
public class ProtocolVersionException extends ProtocolMismatchException {
    private static final long serialVersionUID = 1L;

    private final int localVersion;
    private final int peerVersion;

    public ProtocolVersionException(int localVersion, int peerVersion) {
        super("the peer speaks Lightstream protocol version " + peerVersion + ", this side version " + localVersion,
                List.of());
        this.localVersion = localVersion;
        this.peerVersion = peerVersion;
    }

    /** This side's version. */
    public int localVersion() {
        return localVersion;
    }

    /** The version in the peer's handshake. */
    public int peerVersion() {
        return peerVersion;
    }
}
