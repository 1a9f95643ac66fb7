package dev.lightstream.cli;

import dev.lightstream.integration.Comparison;
import dev.lightstream.integration.Difference;
import dev.lightstream.integration.IntegrationComparator;
import dev.lightstream.integration.IntegrationTester;
import dev.lightstream.integration.Quirk;
import dev.lightstream.memory.BufferAllocator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lightstream integration}: the command line that Arrow's integration harness (archery)
 * drives in each implementation, with its four modes.
 *
 * {@snippet lang = "sh" :
 * lightstream integration --mode JSON_TO_ARROW --json case.json.gz --arrow out.arrow_file
 * lightstream integration --mode VALIDATE --json case.json.gz --arrow out.arrow_file   # exit 0: equal
 * lightstream integration --mode STREAM_TO_FILE --stream case.stream --arrow out.arrow_file
 * lightstream integration --mode FILE_TO_STREAM --arrow case.arrow_file --stream out.stream
 * }
 *
 * <p>Exit codes: 0 done (VALIDATE: equal), 1 invalid input or a difference (VALIDATE prints one
 * line per difference with its field path, batch and row), 2 usage error.
 */
@Command(
        name = "integration",
        mixinStandardHelpOptions = true,
        description = {
            "Arrow integration-testing operations, as Arrow's archery harness runs them.",
            "Modes: VALIDATE (--json J --arrow F): exit 0 when F holds exactly the data of J;"
                    + " JSON_TO_ARROW (--json J --arrow OUT); STREAM_TO_FILE (--stream S --arrow OUT);"
                    + " FILE_TO_STREAM (--arrow F --stream OUT).",
            "Exit codes: 0 success or equal, 1 invalid input or a difference, 2 usage error."
        })
final class IntegrationCommand implements Callable<Integer> {

    /** The operations of archery's integration tester interface. */
    enum Mode {
        VALIDATE, JSON_TO_ARROW, STREAM_TO_FILE, FILE_TO_STREAM
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", required = true, paramLabel = "MODE",
            description = "VALIDATE, JSON_TO_ARROW, STREAM_TO_FILE or FILE_TO_STREAM.")
    Mode mode;

    @Option(names = {"-j", "--json"}, paramLabel = "JSON", description = "An integration JSON file (.json or .json.gz).")
    Path json;

    @Option(names = {"-a", "--arrow"}, paramLabel = "FILE",
            description = "An Arrow IPC file (VALIDATE also accepts a stream, recognised by its first bytes).")
    Path arrow;

    @Option(names = {"-s", "--stream"}, paramLabel = "STREAM", description = "An Arrow IPC stream file.")
    Path stream;

    @Option(names = "--quirk", split = ",", paramLabel = "QUIRK", converter = QuirkConverter.class,
            description = "VALIDATE: waive a check, as archery does for old gold files: no_decimal_validate,"
                    + " no_date64_validate, no_times_validate. Repeatable or comma-separated.")
    List<Quirk> quirks = List.of();

    @Option(names = "--no-auto-quirks",
            description = "VALIDATE: do not grant the quirks of the legacy gold folders (0.14.1, 0.17.1, 1.0.0-*)"
                    + " found in the JSON path.")
    boolean noAutoQuirks;

    @Option(names = "--max-differences", defaultValue = "20", paramLabel = "N",
            description = "VALIDATE: stop after N differences (default ${DEFAULT-VALUE}).")
    int maxDifferences;

    @Override
    public Integer call() throws Exception {
        if (maxDifferences < 1) {
            throw usage("--max-differences must be positive, got " + maxDifferences);
        }
        try (BufferAllocator allocator = BufferAllocator.create()) {
            switch (mode) {
                case VALIDATE -> {
                    require(json, "--json", arrow, "--arrow");
                    return validate(allocator);
                }
                case JSON_TO_ARROW -> {
                    require(json, "--json", arrow, "--arrow");
                    IntegrationTester.jsonToArrow(json, arrow, allocator);
                }
                case STREAM_TO_FILE -> {
                    require(stream, "--stream", arrow, "--arrow");
                    IntegrationTester.streamToFile(stream, arrow, allocator);
                }
                case FILE_TO_STREAM -> {
                    require(arrow, "--arrow", stream, "--stream");
                    IntegrationTester.fileToStream(arrow, stream, allocator);
                }
            }
        }
        return 0;
    }

    private int validate(BufferAllocator allocator) throws java.io.IOException {
        Set<Quirk> granted = quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirks);
        if (!noAutoQuirks) {
            granted.addAll(IntegrationTester.quirksFor(json));
        }
        IntegrationComparator comparator = IntegrationComparator.withQuirks(granted).withMaxDifferences(maxDifferences);
        Comparison result = IntegrationTester.validate(json, arrow, comparator, allocator);
        if (result.isEqual()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("lightstream: " + arrow + " differs from " + json + ": " + result.differences().size()
                + " difference(s)" + (result.truncated() ? " (stopped at --max-differences)" : ""));
        for (Difference d : result.differences()) {
            err.println("  " + d.toString().replace('\n', ' '));
        }
        err.flush();
        return ErrorReporter.INVALID_INPUT;
    }

    private void require(Path input, String inputName, Path output, String outputName) {
        if (input == null || output == null) {
            throw usage("--mode " + mode + " needs " + inputName + " and " + outputName);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Accepts archery's spelling ({@code no_decimal_validate}) and the enum's, in any case. */
    static final class QuirkConverter implements CommandLine.ITypeConverter<Quirk> {
        @Override
        public Quirk convert(String value) {
            String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Quirk.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown quirk '" + value
                        + "': expected no_decimal_validate, no_date64_validate or no_times_validate");
            }
        }
    }
}
