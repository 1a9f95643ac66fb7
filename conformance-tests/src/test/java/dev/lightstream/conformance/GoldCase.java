package dev.lightstream.conformance;

import dev.lightstream.testing.ArrowTestingData;
import java.nio.file.Path;
import java.util.List;

/**
 * One case of the Arrow gold corpus, named {@code folder/generated_name}: its JSON, IPC file and
 * IPC stream.
 */
record GoldCase(Path base) {

    /** Every case of every folder; fails when the corpus is missing or incomplete. */
    static List<GoldCase> all() {
        List<GoldCase> cases = ArrowTestingData.files(ArrowTestingData.integration(), ".json.gz").stream()
                .map(json -> new GoldCase(json.resolveSibling(
                        json.getFileName().toString().substring(0, json.getFileName().toString().length() - 8))))
                .toList();
        if (cases.size() < 74) {
            throw new IllegalStateException("incomplete gold corpus: " + cases.size() + " cases");
        }
        return cases;
    }

    Path json() {
        return base.resolveSibling(base.getFileName() + ".json.gz");
    }

    Path file() {
        return base.resolveSibling(base.getFileName() + ".arrow_file");
    }

    Path stream() {
        return base.resolveSibling(base.getFileName() + ".stream");
    }

    String folder() {
        return base.getParent().getFileName().toString();
    }

    /** {@code folder/generated_name}. */
    String label() {
        return folder() + "/" + base.getFileName();
    }

    @Override
    public String toString() {
        return label();
    }
}
