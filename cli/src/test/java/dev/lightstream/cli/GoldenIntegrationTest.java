package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.StreamDecoding;
import dev.lightstream.integration.Comparison;
import dev.lightstream.integration.IntegrationComparator;
import dev.lightstream.integration.IntegrationData;
import dev.lightstream.integration.IntegrationJsonFile;
import dev.lightstream.integration.IntegrationJsonReader;
import dev.lightstream.integration.IntegrationTester;
import dev.lightstream.integration.IpcContent;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden suite: every case of every folder of the Arrow gold corpus goes through the
 * {@code lightstream integration} command as archery would drive it, and every IPC stream, the
 * gold one and ours, is decoded again with its bytes pushed in chunks of 1, 2, 8 and 123.
 *
 * <p>Per case: VALIDATE the gold {@code .arrow_file} against the JSON; STREAM_TO_FILE the gold
 * {@code .stream} and VALIDATE the result; JSON_TO_ARROW and VALIDATE our own file;
 * FILE_TO_STREAM (of the gold file and of ours), STREAM_TO_FILE and VALIDATE again. The quirks
 * are the ones the command picks from the folder name, as archery does.
 */
@Timeout(120)
class GoldenIntegrationTest {
    private static final int[] CHUNKS = {1, 2, 8, 123};

    @TempDir
    Path dir;

    static List<GoldenCase> cases() {
        return GoldenCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyArcheryStepPasses(GoldenCase c) throws Exception {
        validate(c, c.file(), "gold .arrow_file");

        Path streamToFile = dir.resolve("stream_to_file.arrow_file");
        ok(Cli.integration("STREAM_TO_FILE", "--stream", c.stream(), "--arrow", streamToFile), c, "STREAM_TO_FILE");
        validate(c, streamToFile, "STREAM_TO_FILE of the gold .stream");

        Path ours = dir.resolve("json_to_arrow.arrow_file");
        ok(Cli.integration("JSON_TO_ARROW", "--json", c.json(), "--arrow", ours), c, "JSON_TO_ARROW");
        validate(c, ours, "our JSON_TO_ARROW");

        for (Path source : List.of(c.file(), ours)) {
            String what = source == ours ? "our file" : "the gold file";
            Path stream = dir.resolve("file_to_stream.stream");
            Path back = dir.resolve("file_to_stream_to_file.arrow_file");
            ok(Cli.integration("FILE_TO_STREAM", "--arrow", source, "--stream", stream), c, "FILE_TO_STREAM of " + what);
            ok(Cli.integration("STREAM_TO_FILE", "--stream", stream, "--arrow", back), c, "STREAM_TO_FILE of " + what);
            validate(c, back, "FILE_TO_STREAM then STREAM_TO_FILE of " + what);
            // The stream we wrote is decoded in every split too.
            Files.copy(stream, dir.resolve(source == ours ? "ours.stream" : "gold_rewritten.stream"));
        }

        IntegrationComparator comparator = IntegrationComparator.withQuirks(IntegrationTester.quirksFor(c.json()));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (IntegrationJsonFile json = IntegrationJsonReader.read(c.json(), allocator)) {
                // VALIDATE follows archery and ignores dictionary ids and map child names; our own
                // file must keep them exactly.
                try (IpcContent written = IpcContent.readFile(ours, allocator)) {
                    assertThat(written.schema()).as("%s: schema of our JSON_TO_ARROW", c).isEqualTo(json.schema());
                }
                for (Path stream : List.of(c.stream(), dir.resolve("gold_rewritten.stream"), dir.resolve("ours.stream"))) {
                    byte[] bytes = Files.readAllBytes(stream);
                    for (int chunk : CHUNKS) {
                        try (Golden.Content decoded = StreamDecoding.decode(bytes, chunk, false, allocator)) {
                            Comparison result = comparator.compare(json.data(),
                                    IntegrationData.of(decoded.schema(), decoded.batches()));
                            assertThat(result.isEqual())
                                    .as("%s: %s pushed in chunks of %d: %s", c, stream.getFileName(), chunk, result)
                                    .isTrue();
                        }
                    }
                }
            }
            allocator.assertNoLeaks();
        }
    }

    private static void validate(GoldenCase c, Path arrow, String what) {
        Cli.Result run = Cli.integration("VALIDATE", "--json", c.json(), "--arrow", arrow);
        assertThat(run.exit()).as("%s: VALIDATE of %s\n%s", c, what, run).isZero();
        assertThat(run.err()).as("%s: VALIDATE of %s prints nothing on success", c, what).isEmpty();
    }

    private static void ok(Cli.Result run, GoldenCase c, String step) {
        assertThat(run.exit()).as("%s: %s\n%s", c, step, run).isZero();
    }
}
