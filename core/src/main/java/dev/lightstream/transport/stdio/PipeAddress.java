package dev.lightstream.transport.stdio;

import java.net.SocketAddress;
import java.util.Objects;

/** The name of one end of a pipe ({@code "stdin"}, {@code "stdout"}...), where a socket would have an address. */
public final class PipeAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    private final String name;

    /** An address named {@code name}. */
    public PipeAddress(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The name. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipeAddress other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
