package dev.lightstream.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Node.js for the Arrow JS cross-checks: finds {@code node}, installs the locked npm
 * dependencies of {@code conformance/js} ({@code npm ci}, into its git-ignored node_modules) when
 * they are missing or older than the lock file, and runs its scripts with a time limit.
 */
final class Node {
    private static final long TIMEOUT_SECONDS = 300;
    /** The node command; the property lets a test run see what happens on a machine without it. */
    private static final String NODE = System.getProperty("lightstream.node", "node");

    private Node() {}

    /** What a process returned and printed. */
    record Result(int exit, String out, String err) {}

    /** The directory of the Node scripts ({@code conformance/js}). */
    static Path scripts() {
        String dir = System.getProperty("lightstream.conformanceJsDir");
        Path path = Path.of(dir != null ? dir : "../conformance/js").toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve("dump.mjs"))) {
            throw new IllegalStateException("conformance/js/dump.mjs not found at " + path);
        }
        return path;
    }

    private static volatile Boolean available;

    /**
     * True when {@code node} runs here. When it does not, says so loudly on stderr (once): the
     * Arrow JS checks are then skipped, and that must not pass unnoticed.
     */
    static boolean available() {
        if (available == null) {
            String v = version();
            available = v != null;
            if (v == null) {
                System.err.println("\n*** SKIPPED: the Arrow JS cross-checks need Node.js (node and npm on the PATH),"
                        + " and there is none on this machine. ***\n");
            }
        }
        return available;
    }

    /** The version {@code node --version} prints, or null when there is no node on the PATH. */
    static String version() {
        try {
            Result r = exec(Path.of("."), List.of(NODE, "--version"));
            return r.exit() == 0 ? r.out().trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs {@code npm ci} in {@code dir} unless its node_modules already holds what the lock file
     * says (npm records the installed tree in node_modules/.package-lock.json).
     */
    static void install(Path dir) throws IOException {
        Path installed = dir.resolve("node_modules").resolve(".package-lock.json");
        Path lock = dir.resolve("package-lock.json");
        if (Files.isRegularFile(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0
                && Files.isRegularFile(dir.resolve("node_modules/apache-arrow/package.json"))) {
            return;
        }
        Result r = exec(dir, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"));
        if (r.exit() != 0) {
            throw new IOException("npm ci failed in " + dir + " (exit " + r.exit() + "):\n" + r.out() + r.err());
        }
    }

    /** Runs {@code node script args...} in {@link #scripts()}. */
    static Result run(String script, Object... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(NODE, script));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        return exec(scripts(), command);
    }

    private static Result exec(Path dir, List<String> command) throws IOException {
        Path out = Files.createTempFile("lightstream-node", ".out");
        Path err = Files.createTempFile("lightstream-node", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command, e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
