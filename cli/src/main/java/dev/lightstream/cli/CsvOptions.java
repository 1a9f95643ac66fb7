package dev.lightstream.cli;

import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.csv.CsvWriteOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The CSV options of {@code convert}, {@code cat} and {@code schema} (a picocli mixin): they apply
 * to a CSV input or output, and are a usage error with neither.
 */
final class CsvOptions {
    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "CSV field delimiter: one ASCII character, or \\t (default: , and a tab for .tsv)")
    String delimiter;

    @Option(names = "--no-header", description = "CSV without a header line (columns are named f0, f1...)")
    boolean noHeader;

    @Option(names = "--null", paramLabel = "TEXT",
            description = "CSV null token: read as null (besides the empty field, NA, null, NULL), written for nulls"
                    + " (default: empty)")
    String nullToken;

    @Option(names = "--infer-rows", paramLabel = "N",
            description = "CSV rows read to infer the column types (default: 1000)")
    Integer inferRows;

    @Option(names = "--dictionary", paramLabel = "COL", split = ",",
            description = "CSV columns to read dictionary-encoded (repeat or separate with commas)")
    List<String> dictionary;

    /** True if any CSV option was given. */
    boolean any() {
        return delimiter != null || noHeader || nullToken != null || inferRows != null
                || (dictionary != null && !dictionary.isEmpty());
    }

    private char delimiter(boolean tabSeparated, Subcommand command) {
        if (delimiter == null) {
            return tabSeparated ? '\t' : ',';
        }
        String d = delimiter.equals("\\t") || delimiter.equals("tab") ? "\t" : delimiter;
        if (d.length() != 1 || d.charAt(0) > 127 || d.charAt(0) == '\n' || d.charAt(0) == '\r' || d.charAt(0) == '"') {
            throw command.usageError("--delimiter must be one ASCII character other than a quote or line break: '"
                    + delimiter + "'");
        }
        return d.charAt(0);
    }

    /** How to read a CSV input; {@code tabSeparated} for a .tsv path. */
    CsvReadOptions read(boolean tabSeparated, Subcommand command) {
        CsvReadOptions options = CsvReadOptions.defaults().withDelimiter(delimiter(tabSeparated, command))
                .withHeader(!noHeader);
        if (nullToken != null) {
            Set<String> tokens = new LinkedHashSet<>(CsvReadOptions.DEFAULT_NULL_TOKENS);
            tokens.add(nullToken);
            options = options.withNullTokens(tokens);
        }
        if (inferRows != null) {
            if (inferRows < 1) {
                throw command.usageError("--infer-rows must be at least 1: " + inferRows);
            }
            options = options.withInferRows(inferRows);
        }
        if (dictionary != null) {
            options = options.withDictionaryColumns(Set.copyOf(dictionary));
        }
        return options;
    }

    /** How to write a CSV output. */
    CsvWriteOptions write(boolean tabSeparated, Subcommand command) {
        if (inferRows != null || (dictionary != null && !dictionary.isEmpty())) {
            throw command.usageError("--infer-rows and --dictionary apply to a CSV input, not to a CSV output");
        }
        CsvWriteOptions options = CsvWriteOptions.defaults().withDelimiter(delimiter(tabSeparated, command))
                .withHeader(!noHeader);
        return nullToken == null ? options : options.withNullToken(nullToken);
    }
}
