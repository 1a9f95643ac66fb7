package dev.lightstream.cli;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.cli.io.DataSource;
import dev.lightstream.cli.io.DataFormat;
import dev.lightstream.cli.io.ParquetSource;
import dev.lightstream.cli.io.Sources;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.cli.io.Progress;
import dev.lightstream.cli.text.TextTable;
import dev.lightstream.memory.BufferAllocator;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lightstream cat FILE [--limit N]}: the rows of an IPC file or stream as an aligned text
 * table ({@link TextTable}), read batch by batch; reading stops as soon as {@code N} rows are out.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {
            "Prints the rows of an Arrow IPC file or stream, a CSV or a Parquet file as a text table.",
            "Field names and types on top, nulls as null, dates and times in calendar form, nested values as"
                    + " compact JSON-like text, long values cut with an ellipsis.",
            "Reads batch by batch, so memory stays bounded; stops reading at --limit."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid input (one line on stderr)", "2:usage error"})
final class CatCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "a CSV (.csv, .tsv), Parquet or Arrow IPC file or stream, or - for stdin")
    String input;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "print at most N rows (default: all)")
    Long limit;

    @Option(names = "--width", paramLabel = "CHARS", defaultValue = "40",
            description = "the widest a column may be (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--from", paramLabel = "FORMAT",
            description = "read as csv, parquet, file or stream (default: told by the extension, else the first bytes)")
    DataFormat from;

    @Mixin
    CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 0) {
            throw usageError("--limit must not be negative: " + limit);
        }
        if (width < 2) {
            throw usageError("--width must be at least 2: " + width);
        }
        PrintWriter out = console().out();
        long wanted = limit == null ? Long.MAX_VALUE : limit;
        try (BufferAllocator allocator = BufferAllocator.create();
             DataSource source = Sources.open(input, from, allocator, csvOptions(), console());
             // On a terminal the table itself shows progress; into a file or pipe, say how far it got.
             Progress progress = console().stdoutIsTerminal() ? Progress.none() : Progress.start(console(), "cat")) {
            TextTable table = new TextTable(source.schema(), out, width, 1000);
            while (table.rowCount() < wanted) {
                RecordBatch batch = source.next();
                if (batch == null) {
                    break;
                }
                try (batch) {
                    int rows = (int) Math.min(batch.rowCount(), wanted - table.rowCount());
                    table.add(batch, 0, rows);
                }
                if (out.checkError()) {
                    return 0; // stdout was closed (| head): stop reading, quietly
                }
                progress.update(table.rowCount(), -1, source.fractionRead());
            }
            boolean stopped = table.rowCount() >= wanted && limit != null;
            long total = !stopped ? table.rowCount() : source.rowCount();
            table.finish(total, stopped);
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
