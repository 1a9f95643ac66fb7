package dev.lightstream.integration;

import dev.lightstream.testing.ArrowTestingData;
import java.nio.file.Path;
import java.util.List;

/** The gold {@code .json.gz} files of arrow-testing, for parameterized tests. */
final class GoldFiles {
    private GoldFiles() {}

    static List<Path> all() {
        List<Path> files = ArrowTestingData.files(ArrowTestingData.integration(), ".json.gz");
        if (files.size() < 70) {
            throw new IllegalStateException("expected the whole gold corpus, found " + files.size() + " files");
        }
        return files;
    }

    /** A gold case by folder and name, such as {@code ("cpp-21.0.0", "primitive")}. */
    static Path of(String folder, String name) {
        return ArrowTestingData.integration().resolve(folder).resolve("generated_" + name + ".json.gz");
    }

    /** The folder a gold file is in, such as {@code 1.0.0-littleendian}. */
    static String folder(Path file) {
        return file.getParent().getFileName().toString();
    }

    static String label(Path file) {
        return folder(file) + "/" + file.getFileName();
    }
}
