package dev.lightstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java code is cut from the examples: every {@code ```java} block of README.md must
 * be, unchanged but for indentation, the code between {@code // readme:NAME} and
 * {@code // end:NAME} in an example; so the README's code compiles and runs (ExamplesTest).
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "lightstream", "examples");

    /** The marked regions of the examples by name, without their common indentation. */
    static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        Pattern start = Pattern.compile("^\\s*// readme:(\\S+)$");
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = start.matcher(lines.get(i));
                    if (m.matches()) {
                        String name = m.group(1);
                        List<String> body = new ArrayList<>();
                        int j = i + 1;
                        while (!lines.get(j).trim().equals("// end:" + name)) {
                            body.add(lines.get(j++));
                        }
                        regions.put(name, dedent(body));
                    }
                }
            }
        }
        return regions;
    }

    static List<String> readmeJavaBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        List<String> lines = Files.readAllLines(README);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("```java")) {
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (!lines.get(j).trim().equals("```")) {
                    body.add(lines.get(j++));
                }
                blocks.add(dedent(body));
                i = j;
            }
        }
        return blocks;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleRegion() throws IOException {
        Map<String, String> regions = regions();
        assertThat(regions).containsOnlyKeys("write-read-file", "stream-to-channel", "build-batches", "metrics-service",
                "metrics-client", "serve-over-tcp");
        List<String> blocks = readmeJavaBlocks();
        assertThat(blocks).as("the README's quick start").hasSizeGreaterThanOrEqualTo(2);
        for (String block : blocks) {
            assertThat(regions.values()).as("README block not cut from an example:\n" + block).contains(block);
        }
    }
}
