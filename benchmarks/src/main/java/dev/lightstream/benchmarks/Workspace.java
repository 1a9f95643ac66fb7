package dev.lightstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where measurements keep their files: {@code dataDir} holds the large memory-mapped files, kept
 * between runs so that they are written once; {@code tempDir} holds scratch files, deleted at exit.
 */
public record Workspace(Path dataDir, Path tempDir) {
    public static Workspace create(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path temp = Files.createTempDirectory("lightstream-bench");
        return new Workspace(dataDir, temp);
    }

    /** Deletes the scratch directory. */
    public void deleteTemp() throws IOException {
        try (var files = Files.walk(tempDir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
