package dev.lightstream.cli;

import dev.lightstream.cli.io.DataSource;
import dev.lightstream.cli.io.DataFormat;
import dev.lightstream.cli.io.ParquetSource;
import dev.lightstream.cli.io.Sources;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.cli.io.IpcSource;
import dev.lightstream.cli.text.SchemaText;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lightstream schema FILE}: the schema of an IPC file or stream, and for a file its batch
 * and row counts, taken from the footer and the batches' metadata without reading their bodies.
 *
 * <pre>
 * Arrow IPC file: data.arrow
 * fields: 2
 *   id: int64 not null
 *   tags: list
 *     item: utf8
 * batches: 77
 * rows: 5000000
 * </pre>
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {
            "Prints the schema of an Arrow IPC file or stream, a CSV file (types as inferred) or a Parquet file.",
            "Fields with their types, nullability, dictionary encodings and metadata.",
            "For an IPC file also the number of batches and rows, from its footer and the batches' metadata"
                    + " (no data is read); for Parquet the row groups and rows, from its footer."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid input (one line on stderr)", "2:usage error"})
final class SchemaCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "a CSV (.csv, .tsv), Parquet or Arrow IPC file or stream, or - for stdin")
    String input;

    @Option(names = "--from", paramLabel = "FORMAT",
            description = "read as csv, parquet, file or stream (default: told by the extension, else the first bytes)")
    DataFormat from;

    @Mixin
    CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = console().out();
        try (BufferAllocator allocator = BufferAllocator.create();
             DataSource source = Sources.open(input, from, allocator, csvOptions(), console())) {
            Schema schema = source.schema();
            // Counted before anything is printed: a file whose metadata is bad prints only the error.
            long rows = source.rowCount();
            out.println(source.description() + ": " + source.name());
            out.println("fields: " + schema.size());
            SchemaText.print(schema, out, "  ");
            if (!schema.metadata().isEmpty()) {
                out.println("schema metadata:");
                SchemaText.metadata(schema.metadata(), "  ", out);
            }
            if (source instanceof IpcSource.FileSource file) {
                if (!file.footerMetadata().isEmpty()) {
                    out.println("footer metadata:");
                    SchemaText.metadata(file.footerMetadata(), "  ", out);
                }
                out.println("batches: " + file.batchCount());
                out.println("rows: " + rows);
            }
            if (source instanceof ParquetSource parquet) {
                if (!parquet.footerMetadata().isEmpty()) {
                    out.println("footer metadata:");
                    SchemaText.metadata(parquet.footerMetadata(), "  ", out);
                }
                out.println("row groups: " + parquet.rowGroupCount());
                out.println("rows: " + rows);
            }
        }
        return 0;
    }

    /** How a CSV input is read; CSV options are a usage error for other inputs. */
    private CsvReadOptions csvOptions() {
        DataFormat format = from != null ? from : DataFormat.byName(input);
        if (format != DataFormat.CSV) {
            if (csv.any()) {
                throw usageError("CSV options (--delimiter, --no-header, --null, --infer-rows, --dictionary) need a"
                        + " CSV input (.csv, .tsv or --from csv)");
            }
            return CsvReadOptions.defaults();
        }
        return csv.read(DataFormat.isTabSeparated(input), this);
    }
}
