package dev.lightstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules the compiler cannot check: nothing in the library prints to stdout (it carries frames for
 * the stdio transport), and the framing, transport, IPC, table and protocol layers import only what
 * they may.
 */
class SourceRulesTest {
    private static final Path MAIN = Path.of("src/main/java");

    private static List<Path> sources(String packagePath) throws IOException {
        Path dir = MAIN.resolve(packagePath);
        assertThat(dir).as("run from the core module directory").isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> offending(List<Path> files, String... forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String bad : forbidden) {
                    if (lines.get(i).contains(bad) && !lines.get(i).trim().startsWith("*")) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void nothingInTheLibraryPrintsToStdout() throws IOException {
        assertThat(offending(sources(""), "System.out", "printStackTrace()", "System.console()")).isEmpty();
    }

    @Test
    void transportsMoveBytesOnly() throws IOException {
        assertThat(offending(sources("dev/lightstream/transport"), "import dev.lightstream.ipc",
                "import dev.lightstream.array"))
                .isEmpty();
    }

    @Test
    void ipcNeverSeesSocketsAndNothingBelowSeesTables() throws IOException {
        assertThat(offending(sources("dev/lightstream/ipc"), "import dev.lightstream.transport",
                "import dev.lightstream.net")).isEmpty();
        assertThat(offending(sources("dev/lightstream/transport"), "import dev.lightstream.net")).isEmpty();
        assertThat(offending(sources("dev/lightstream/codec"), "import dev.lightstream.net")).isEmpty();
    }

    @Test
    void theProtocolSeesTheTransportApiOnly() throws IOException {
        assertThat(offending(sources("dev/lightstream/protocol"), "import dev.lightstream.transport.tcp",
                "import dev.lightstream.transport.tls", "import dev.lightstream.transport.unix",
                "import dev.lightstream.transport.stdio", "import dev.lightstream.transport.internal",
                "import dev.lightstream.ipc.internal"))
                .isEmpty();
    }

    @Test
    void framingImportsOnlyMemory() throws IOException {
        List<String> imports = offending(sources("dev/lightstream/codec"), "import dev.lightstream.");
        assertThat(imports).allMatch(line -> line.contains("import dev.lightstream.memory.")
                || line.contains("import dev.lightstream.codec."));
    }
}
