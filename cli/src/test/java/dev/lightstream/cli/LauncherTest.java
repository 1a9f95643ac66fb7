package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.testing.ArrowTestingData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code bin/lightstream} run as a process, the way people run it. The script gets
 * this test's class path through {@code LIGHTSTREAM_CLASSPATH}, so that it runs what the build
 * just compiled instead of building again.
 */
@Timeout(300)
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "bin", "lightstream").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int exit, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "\n--- stderr\n" + err;
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Runs {@code sh -c script} with the launcher as {@code $L}, stdin from {@code stdin} (or nothing). */
    private Run shell(String script, Path stdin) throws Exception {
        return process(List.of("sh", "-c", script), stdin);
    }

    /** As {@link #shell}, with {@code LIGHTSTREAM_JAVA_OPTS} set. */
    private Run shellWithJavaOpts(String script, String javaOpts) throws Exception {
        return process(List.of("sh", "-c", script), null, javaOpts);
    }

    private Run lightstream(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(Arrays.asList(args));
        return process(command, null);
    }

    private Run process(List<String> command, Path stdin) throws Exception {
        return process(command, stdin, null);
    }

    private Run process(List<String> command, Path stdin, String javaOpts) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".bin");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().put("LIGHTSTREAM_CLASSPATH", classPath());
        builder.environment().put("L", LAUNCHER.toString());
        builder.environment().remove("LIGHTSTREAM_DEBUG");
        if (javaOpts != null) {
            builder.environment().put("LIGHTSTREAM_JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        Run run = new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static Path golden(String name) {
        return Golden.cases().stream().filter(p -> p.toString().endsWith("1.0.0-littleendian/" + name)).findFirst()
                .orElseThrow();
    }

    private static void assertOneLineError(Run run, String where) {
        assertThat(run.exit()).as(where + "\n" + run).isEqualTo(1);
        assertThat(run.err().lines().toList()).as(where).singleElement().asString().startsWith("lightstream: ");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void schemaAndCat() throws Exception {
        Path file = Golden.file(golden("generated_primitive"));
        Run schema = lightstream("schema", file.toString());
        assertThat(schema.exit()).as(schema.toString()).isZero();
        assertThat(schema.out()).startsWith("Arrow IPC file: " + file + "\n").contains("\nbatches: ").contains("\nrows: ");
        assertThat(schema.err()).isEmpty();

        Run cat = lightstream("cat", "--limit", "2", file.toString());
        assertThat(cat.exit()).as(cat.toString()).isZero();
        List<String> lines = cat.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.getLast()).matches("\\(2 of \\d+ rows\\)");
        // Exactly what the command prints in-process.
        assertThat(cat.out()).isEqualTo(Cli.run("cat", "--limit", "2", file.toString()).out());
        // Not a terminal: no progress line, not a single carriage return.
        assertThat(cat.err()).isEmpty();
    }

    @Test
    void convertFileToStreamToFileKeepsEveryValue() throws Exception {
        Path base = golden("generated_dictionary");
        Path stream = dir.resolve("d.arrows");
        Path file = dir.resolve("d.arrow");
        Run first = lightstream("convert", Golden.file(base).toString(), stream.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        Run second = lightstream("convert", "--compression", "zstd", stream.toString(), file.toString());
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(first.stdout()).isEmpty();
        assertThat(second.err()).isEmpty();
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content original = Golden.readFile(Golden.file(base), allocator);
             Golden.Content back = Golden.readFile(file, allocator)) {
            ConvertCommandTest.assertSameContent(original, back, "file to stream to file");
        }
    }

    @Test
    void serveOverStdioPipedIntoConvert() throws Exception {
        Path base = golden("generated_dictionary");
        Path out = dir.resolve("served.arrow");
        Run piped = shell("\"$L\" serve '" + Golden.file(base) + "' --listen - | \"$L\" convert - '" + out + "'", null);
        assertThat(piped.exit()).as(piped.toString()).isZero();
        assertThat(piped.stdout()).isEmpty();
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content original = Golden.readFile(Golden.file(base), allocator);
             Golden.Content back = Golden.readFile(out, allocator)) {
            ConvertCommandTest.assertSameContent(original, back, "served through a pipe");
        }
    }

    @Test
    void stdinAndStdoutThroughPipes() throws Exception {
        Path base = golden("generated_nested");
        // File to stdout as a stream, piped into cat reading stdin.
        Run piped = shell("\"$L\" convert '" + Golden.file(base) + "' - | \"$L\" cat --limit 3 -", null);
        assertThat(piped.exit()).as(piped.toString()).isZero();
        assertThat(piped.out()).isEqualTo(Cli.run("cat", "--limit", "3", Golden.stream(base).toString()).out());
        // Stdin redirected from a stream file, stdout into a file.
        Path out = dir.resolve("copy.arrows");
        Run copy = shell("\"$L\" convert - - > '" + out + "'", Golden.stream(base));
        assertThat(copy.exit()).as(copy.toString()).isZero();
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
             Golden.Content actual = Golden.readStream(out, allocator)) {
            ConvertCommandTest.assertSameContent(expected, actual, "stdin to stdout");
        }
    }

    @Test
    void exitCodesAndOneLineErrors() throws Exception {
        assertThat(lightstream("--help").exit()).isZero();
        Run usage = lightstream("cat");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).startsWith("lightstream: Missing required parameter: 'FILE'\n")
                .endsWith("Try 'lightstream cat --help' for more information.\n");
        assertThat(lightstream("frobnicate").exit()).isEqualTo(2);

        Run missing = lightstream("cat", dir.resolve("missing.arrow").toString());
        assertOneLineError(missing, "missing");
        assertThat(missing.err()).isEqualTo("lightstream: no such file: " + dir.resolve("missing.arrow") + "\n");

        byte[] bytes = Files.readAllBytes(Golden.file(golden("generated_primitive")));
        Path truncated = Files.write(dir.resolve("truncated.arrow"), Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(lightstream("cat", truncated.toString()), "truncated file");
        byte[] stream = Files.readAllBytes(Golden.stream(golden("generated_primitive")));
        Path cut = Files.write(dir.resolve("truncated.arrows"), Arrays.copyOf(stream, stream.length - 100));
        Run cutRun = lightstream("cat", cut.toString());
        assertOneLineError(cutRun, "truncated stream");
        assertThat(cutRun.err()).startsWith("lightstream: truncated input: ");

        Path garbage = Files.write(dir.resolve("garbage.arrow"), "this is not arrow data at all\n".repeat(50)
                .getBytes(StandardCharsets.US_ASCII));
        assertOneLineError(lightstream("schema", garbage.toString()), "garbage");

        Run v6 = lightstream("schema", ArrowTestingData.fuzz().resolve("forward-compatibility/schema_v6.arrow").toString());
        assertOneLineError(v6, "schema_v6");
        assertThat(v6.err()).contains("V6");

        Path tensor = ArrowTestingData.files(ArrowTestingData.fuzz().resolve("arrow-ipc-tensor-stream"), "").getFirst();
        assertOneLineError(lightstream("cat", tensor.toString()), "tensor stream");
    }

    /**
     * A few files of the ipc-fuzz corpus through the real launcher, with a 64 MiB heap: exit 1 and
     * one line, never a trace or an OutOfMemoryError (the in-process test covers all 138 files).
     */
    @Test
    void malformedCorpusFilesUnderASmallHeap() throws Exception {
        List<Path> picked = new ArrayList<>();
        for (String folder : List.of("arrow-ipc-stream", "arrow-ipc-file")) {
            List<Path> files = ArrowTestingData.files(ArrowTestingData.fuzz().resolve(folder), "");
            picked.addAll(List.of(files.getFirst(), files.get(files.size() / 2), files.getLast()));
        }
        StringBuilder script = new StringBuilder();
        for (Path file : picked) {
            // One JVM start per file is the cost of testing the launcher; a shell loop keeps it to one process here.
            script.append("\"$L\" cat '").append(file).append("' 2>&1; echo \"exit=$?\"\n");
        }
        Run run = shellWithJavaOpts(script.toString(), "-Xmx64m");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).as(run.toString()).hasSize(2 * picked.size());
        for (int i = 0; i < picked.size(); i++) {
            assertThat(lines.get(2 * i)).as(picked.get(i).toString()).startsWith("lightstream: ")
                    .doesNotContain("OutOfMemoryError");
            assertThat(lines.get(2 * i + 1)).as(picked.get(i).toString()).isEqualTo("exit=1");
        }
    }

    @Test
    void aReaderThatStopsEarlyIsNotAnError() throws Exception {
        Path data = dir.resolve("data");
        assertThat(lightstream("demo", "--rows", "100000", "--dir", data.toString()).exit()).isZero();
        // Several MB into a pipe whose reader leaves after a few bytes: the writer meets EPIPE.
        Run convert = shell("\"$L\" convert '" + data.resolve("demo.arrow") + "' - | head -c 100 > /dev/null", null);
        assertThat(convert.exit()).isZero();
        assertThat(convert.err()).isEmpty();
        Run cat = shell("\"$L\" cat '" + data.resolve("demo.arrows") + "' | head -n 5", null);
        assertThat(cat.exit()).isZero();
        assertThat(cat.out().lines()).hasSize(5);
        assertThat(cat.err()).isEmpty();
    }

    @Test
    void demo() throws Exception {
        Run demo = lightstream("demo", "--rows", "50000");
        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("\nipc file ").contains("\nipc stream ")
                .contains("\nverified: 50000 rows, 1 batches\n");
        assertThat(demo.err()).isEmpty();
    }

    @Test
    void theLauncherIsThere() throws IOException {
        assertThat(LAUNCHER).isExecutable();
        assertThat(Files.readString(LAUNCHER)).contains("LIGHTSTREAM_CLASSPATH");
    }
}
