package dev.lightstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the official Arrow test data: {@code $ARROW_TESTING_DIR}, else the directory the build
 * passes as system property {@code lightstream.arrowTestingDefault} (the repository's
 * {@code ../shared/arrow-testing}). Fails loudly when neither exists: golden tests must never
 * pass by finding nothing.
 */
public final class ArrowTestingData {
    private ArrowTestingData() {}

    /**
     * The root of the test data.
     *
     * @throws IllegalStateException if the directory is missing
     */
    public static Path root() {
        String env = System.getenv("ARROW_TESTING_DIR");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("lightstream.arrowTestingDefault");
        if (dir == null) {
            dir = "../shared/arrow-testing";
        }
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("ipc-integration"))) {
            throw new IllegalStateException("Arrow test data not found at " + root
                    + ": set ARROW_TESTING_DIR to a copy of arrow-testing (with ipc-integration/ and ipc-fuzz/)");
        }
        return root;
    }

    /** {@code root()/ipc-integration}. */
    public static Path integration() {
        return root().resolve("ipc-integration");
    }

    /** {@code root()/ipc-fuzz}. */
    public static Path fuzz() {
        return root().resolve("ipc-fuzz");
    }

    /** The files under {@code dir} whose name ends with {@code suffix}, sorted. */
    public static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> stream = Files.walk(dir)) {
            return stream.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
