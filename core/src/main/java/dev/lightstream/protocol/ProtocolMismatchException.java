package dev.lightstream.protocol;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The two sides of a connection disagree: a name registered on one side only, a name registered
 * as a message on one side and a table on the other, or (found with the first batch of a table
 * channel) different schemas. Every difference is listed by name; both sides of a handshake find
 * the same ones, so both fail.
 *
 * {@snippet :
 * try {
 *     connection.handshake();
 * } catch (ProtocolMismatchException e) {
 *     for (ProtocolMismatchException.Mismatch m : e.mismatches()) {
 *         System.err.println(m.name() + ": here " + m.here() + ", at the peer " + m.peer());
 *     }
 * }
 * }
 */
public class ProtocolMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * One name the sides disagree on.
     *
     * @param name the registered name
     * @param here what it is on this side ("message", "table", "not registered", a schema...)
     * @param peer what it is at the peer
     */
    public record Mismatch(String name, String here, String peer) {
        public Mismatch {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(here, "here");
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String toString() {
            return "'" + name + "': " + here + " here, " + peer + " at the peer";
        }
    }

    private final transient List<Mismatch> mismatches;

    public ProtocolMismatchException(String message, List<Mismatch> mismatches) {
        super(message);
        this.mismatches = List.copyOf(mismatches);
    }

    /** Builds the message from the list: "the peer's registrations differ: 'a': ..., 'b': ...". */
    public ProtocolMismatchException(List<Mismatch> mismatches) {
        this("the peer's registrations differ: "
                + mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("; ")), mismatches);
    }

    /** The differences, by name (empty for a version mismatch). */
    public List<Mismatch> mismatches() {
        return mismatches;
    }
}
