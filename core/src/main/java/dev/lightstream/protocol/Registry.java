package dev.lightstream.protocol;

import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names one side registered, with the tags it gives them (0 to 255, in registration order),
 * until the handshake freezes them; then the matching of the peer's hello against them.
 */
final class Registry {
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, Registration> byName = new HashMap<>();
    private boolean frozen;
    /** The frozen map, read without a lock on the send path. */
    private volatile Map<String, Registration> frozenByName;

    /**
     * Adds a name.
     *
     * @throws IllegalStateException if 256 names are registered already, or the handshake has run
     * @throws IllegalArgumentException if the name is invalid or registered already
     */
    synchronized Registration register(String name, ChannelKind kind, Schema schema) {
        Objects.requireNonNull(name, "name");
        if (frozen) {
            throw new IllegalStateException("cannot register '" + name + "': registration closed with the handshake");
        }
        Hello.nameBytes(name); // validates
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("name '" + name + "' is registered already, as " + byName.get(name).kind());
        }
        if (registrations.size() == LightstreamConnection.MAX_TYPES) {
            throw new IllegalStateException("cannot register '" + name + "': " + LightstreamConnection.MAX_TYPES
                    + " names are registered, all the one-byte tags there are");
        }
        Registration registration = new Registration(name, kind, registrations.size(), schema);
        registrations.add(registration);
        byName.put(name, registration);
        return registration;
    }

    /** Closes registration; returns the registrations in tag order. Idempotent. */
    synchronized List<Registration> freeze() {
        if (!frozen) {
            frozen = true;
            frozenByName = Map.copyOf(byName);
        }
        return List.copyOf(registrations);
    }

    synchronized List<Registration> list() {
        return List.copyOf(registrations);
    }

    /**
     * The registration of {@code name} as {@code kind}.
     *
     * @throws IllegalArgumentException if the name is not registered, or registered as the other kind
     */
    Registration require(String name, ChannelKind kind) {
        Objects.requireNonNull(name, "name");
        Map<String, Registration> map = frozenByName;
        Registration registration;
        if (map != null) {
            registration = map.get(name);
        } else {
            synchronized (this) {
                registration = byName.get(name);
            }
        }
        if (registration == null) {
            throw new IllegalArgumentException("name '" + name + "' is not registered");
        }
        if (registration.kind() != kind) {
            throw new IllegalArgumentException("'" + name + "' is registered as a " + registration.kind()
                    + " channel, not a " + kind + " channel");
        }
        return registration;
    }

    /**
     * Matches the peer's registrations with ours by name.
     *
     * @return our registration for each of the peer's tags (null where the peer uses no tag)
     * @throws ProtocolMismatchException listing every name registered on one side only and every
     *     name whose kinds differ
     */
    static Registration[] match(List<Registration> ours, Hello peer) throws ProtocolMismatchException {
        Map<String, Registration> local = new HashMap<>();
        for (Registration r : ours) {
            local.put(r.name(), r);
        }
        Registration[] routes = new Registration[256];
        List<ProtocolMismatchException.Mismatch> mismatches = new ArrayList<>();
        Map<String, Hello.Entry> theirs = new HashMap<>();
        for (Hello.Entry entry : peer.entries()) {
            theirs.put(entry.name(), entry);
            Registration mine = local.get(entry.name());
            if (mine == null) {
                mismatches.add(new ProtocolMismatchException.Mismatch(entry.name(), "not registered",
                        "a " + entry.kind()));
            } else if (mine.kind() != entry.kind()) {
                mismatches.add(new ProtocolMismatchException.Mismatch(entry.name(), "a " + mine.kind(),
                        "a " + entry.kind()));
            } else {
                routes[entry.tag()] = mine;
            }
        }
        for (Registration mine : ours) {
            if (!theirs.containsKey(mine.name())) {
                mismatches.add(new ProtocolMismatchException.Mismatch(mine.name(), "a " + mine.kind(),
                        "not registered"));
            }
        }
        if (!mismatches.isEmpty()) {
            throw new ProtocolMismatchException(mismatches);
        }
        return routes;
    }
}
