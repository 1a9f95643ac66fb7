package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.testing.ArrowTestingData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lightstream integration}: exit codes, what a difference report says, refused inputs. */
@Timeout(60)
class IntegrationCommandTest {
    @TempDir
    Path dir;

    private static Path gold(String folder, String name, String suffix) {
        return ArrowTestingData.integration().resolve(folder).resolve("generated_" + name + suffix);
    }

    private static String gunzip(Path path) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertOneCleanErrorLine(Cli.Result run) {
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err().lines()).as("%s", run).hasSize(1).allMatch(l -> l.startsWith("lightstream: "));
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aChangedValueIsReportedWithItsPathBatchAndRow() throws Exception {
        // Batch 1, row 2 of int64_nullable holds -518015356 in the gold JSON; write a plain .json
        // with that one value changed, turn it into an IPC file and validate it against the gold.
        String text = gunzip(gold("cpp-21.0.0", "primitive", ".json.gz"));
        assertThat(text).containsOnlyOnce("\"-518015356\"");
        Path changed = dir.resolve("changed.json");
        Files.writeString(changed, text.replace("\"-518015356\"", "\"-518015357\""));
        Path arrow = dir.resolve("changed.arrow_file");
        assertThat(Cli.integration("JSON_TO_ARROW", "--json", changed, "--arrow", arrow).exit()).isZero();
        assertThat(Cli.integration("VALIDATE", "--json", changed, "--arrow", arrow).exit()).isZero();

        Cli.Result run = Cli.integration("VALIDATE", "--json", gold("cpp-21.0.0", "primitive", ".json.gz"), "--arrow", arrow);
        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "lightstream: " + arrow + " differs from " + gold("cpp-21.0.0", "primitive", ".json.gz")
                        + ": 1 difference(s)",
                "  VALUE at int64_nullable, batch 1, row 2: expected -518015356 but was -518015357");
    }

    @Test
    void anotherCaseDiffersInItsSchemaAndStopsAtTheLimit() {
        Cli.Result run = Cli.integration("VALIDATE", "--json", gold("cpp-21.0.0", "primitive", ".json.gz"),
                "--arrow", gold("cpp-21.0.0", "nested", ".arrow_file"), "--max-differences", "3");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(4);
        assertThat(run.err().lines().findFirst().orElseThrow()).endsWith("3 difference(s) (stopped at --max-differences)");
        assertThat(run.err()).contains("SCHEMA: expected 22 fields but found 3").doesNotContain("\tat ");
    }

    @Test
    void quirksComeFromTheFolderUnlessTurnedOff() {
        Path json = gold("1.0.0-littleendian", "decimal", ".json.gz");
        Path file = gold("1.0.0-littleendian", "decimal", ".arrow_file");
        assertThat(Cli.integration("VALIDATE", "--json", json, "--arrow", file).exit()).isZero();

        Cli.Result strict = Cli.integration("VALIDATE", "--json", json, "--arrow", file, "--no-auto-quirks");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains("INVALID at f0, batch 0").contains("does not fit precision");

        assertThat(Cli.integration("VALIDATE", "--json", json, "--arrow", file, "--no-auto-quirks",
                "--quirk", "no_decimal_validate").exit()).isZero();
    }

    @Test
    void aQuirkOnTheCommandLineWaivesItsCheckOutsideTheLegacyFolders() throws Exception {
        // The same legacy case copied out of its folder loses the automatic quirks.
        Path json = Files.copy(gold("1.0.0-littleendian", "decimal", ".json.gz"), dir.resolve("decimal.json.gz"));
        Path file = gold("1.0.0-littleendian", "decimal", ".arrow_file");
        assertThat(Cli.integration("VALIDATE", "--json", json, "--arrow", file).exit()).isEqualTo(1);
        assertThat(Cli.integration("VALIDATE", "--json", json, "--arrow", file,
                "--quirk", "NO_DECIMAL_VALIDATE,no-date64-validate").exit()).isZero();
    }

    @Test
    void anUnknownMetadataVersionIsRefusedInEveryMode() {
        Path v6 = ArrowTestingData.fuzz().resolve("forward-compatibility").resolve("schema_v6.arrow");
        Path out = dir.resolve("out.arrow_file");
        Cli.Result toFile = Cli.integration("STREAM_TO_FILE", "--stream", v6, "--arrow", out);
        assertOneCleanErrorLine(toFile);
        assertThat(toFile.err()).contains("unknown metadata version");
        assertThat(out).doesNotExist();

        Cli.Result validate = Cli.integration("VALIDATE", "--json", gold("cpp-21.0.0", "primitive", ".json.gz"),
                "--arrow", v6);
        assertOneCleanErrorLine(validate);
        assertThat(validate.err()).contains("unknown metadata version");

        Cli.Result toStream = Cli.integration("FILE_TO_STREAM", "--arrow", v6, "--stream", dir.resolve("out.stream"));
        assertOneCleanErrorLine(toStream);
        assertThat(toStream.err()).contains("not an Arrow file");
    }

    @Test
    void brokenInputsExitOneWithOneLine() throws Exception {
        byte[] file = Files.readAllBytes(gold("cpp-21.0.0", "nested", ".arrow_file"));
        Path truncated = dir.resolve("truncated.stream");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(gold("cpp-21.0.0", "nested", ".stream")), 500));
        Path out = dir.resolve("out.arrow_file");
        Cli.Result run = Cli.integration("STREAM_TO_FILE", "--stream", truncated, "--arrow", out);
        assertOneCleanErrorLine(run);
        assertThat(run.err()).contains("truncated input");
        assertThat(out).as("a failed conversion leaves no output").doesNotExist();

        Path shortFile = dir.resolve("short.arrow_file");
        Files.write(shortFile, Arrays.copyOf(file, file.length - 10));
        assertOneCleanErrorLine(Cli.integration("VALIDATE", "--json", gold("cpp-21.0.0", "nested", ".json.gz"),
                "--arrow", shortFile));

        Path badJson = dir.resolve("bad.json");
        Files.writeString(badJson, "{\"schema\": {\"fields\": []}, \"batches\": [");
        Cli.Result json = Cli.integration("JSON_TO_ARROW", "--json", badJson, "--arrow", out);
        assertOneCleanErrorLine(json);
        assertThat(out).doesNotExist();

        Cli.Result missing = Cli.integration("VALIDATE", "--json", dir.resolve("missing.json"), "--arrow", shortFile);
        assertOneCleanErrorLine(missing);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void usageErrorsExitTwo() {
        Path json = gold("cpp-21.0.0", "primitive", ".json.gz");
        assertThat(Cli.run("integration", "--json", json.toString()).exit()).isEqualTo(2);
        assertThat(Cli.integration("CONVERT", "--json", json).exit()).isEqualTo(2);
        Cli.Result missing = Cli.integration("VALIDATE", "--json", json);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--mode VALIDATE needs --json and --arrow");
        assertThat(Cli.integration("FILE_TO_STREAM", "--arrow", json).exit()).isEqualTo(2);
        Cli.Result quirk = Cli.integration("VALIDATE", "--json", json, "--arrow", json, "--quirk", "no_such_check");
        assertThat(quirk.exit()).isEqualTo(2);
        assertThat(quirk.err()).contains("unknown quirk 'no_such_check'");
        assertThat(Cli.integration("VALIDATE", "--json", json, "--arrow", json, "--max-differences", "0").exit())
                .isEqualTo(2);
    }

    @Test
    void helpListsTheModes() {
        Cli.Result help = Cli.run("integration", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("VALIDATE", "JSON_TO_ARROW", "STREAM_TO_FILE", "FILE_TO_STREAM", "--quirk");
    }
}
