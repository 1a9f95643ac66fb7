package dev.lightstream.cli;

import dev.lightstream.testing.ArrowTestingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One case of the gold corpus: {@code generated_NAME.json.gz}, {@code .stream} and
 * {@code .arrow_file} in a producer folder such as {@code cpp-21.0.0}.
 */
record GoldenCase(Path base) {
    /** The folders the suite must find: the oldest (V4 unions) and big-endian ones included. */
    static final Set<String> REQUIRED_FOLDERS = Set.of("0.17.1", "1.0.0-bigendian", "1.0.0-littleendian",
            "2.0.0-compression", "4.0.0-shareddict", "cpp-21.0.0");

    /**
     * Every case of every folder under {@link ArrowTestingData#integration()}, each checked to
     * have its three files; fails when the corpus is missing or incomplete.
     */
    static List<GoldenCase> all() {
        List<GoldenCase> cases = new ArrayList<>();
        Set<String> folders = new TreeSet<>();
        for (Path json : ArrowTestingData.files(ArrowTestingData.integration(), ".json.gz")) {
            String name = json.getFileName().toString();
            GoldenCase c = new GoldenCase(json.resolveSibling(name.substring(0, name.length() - ".json.gz".length())));
            for (Path p : List.of(c.json(), c.stream(), c.file())) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException("gold case " + c + " lacks " + p.getFileName());
                }
            }
            folders.add(c.folder());
            cases.add(c);
        }
        if (!folders.containsAll(REQUIRED_FOLDERS) || cases.size() < 74) {
            throw new IllegalStateException("incomplete gold corpus: " + cases.size() + " cases in " + folders);
        }
        return cases;
    }

    Path json() {
        return sibling(".json.gz");
    }

    Path stream() {
        return sibling(".stream");
    }

    Path file() {
        return sibling(".arrow_file");
    }

    String folder() {
        return base.getParent().getFileName().toString();
    }

    private Path sibling(String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    @Override
    public String toString() {
        return folder() + "/" + base.getFileName();
    }
}
