package dev.lightstream.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/lightstream bench [--quick] [--json FILE] [--only NAME,...] [--data DIR]}: runs the
 * measurements of issue 7 side by side with Arrow Java, Arrow Flight and a raw byte pump, prints
 * one line per measurement and a Markdown table, and optionally writes one JSON object per line.
 *
 * {@snippet :
 * // bin/lightstream bench --quick --json results.jsonl --only tcp-64k,mmap-open
 * BenchMain.main(new String[] {"--quick", "--json", "results.jsonl", "--only", "tcp-64k,mmap-open"});
 * }
 *
 * <p>Progress and the report go to standard output; nothing else is printed.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs with {@code args}; returns the exit status. */
    static int run(String[] args, PrintStream out) throws Exception {
        Scale scale = Scale.FULL;
        Path json = null;
        Path data = Path.of(System.getProperty("lightstream.bench.data", "benchmarks/target/bench-data"));
        List<String> only = Measurements.NAMES;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.QUICK;
                case "--full" -> scale = Scale.FULL;
                case "--smoke" -> scale = Scale.SMOKE;
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--only" -> only = List.of(value(args, ++i, "--only").split(","));
                case "--list" -> {
                    Measurements.NAMES.forEach(out::println);
                    return 0;
                }
                case "-h", "--help" -> {
                    out.println("usage: lightstream bench [--quick] [--json FILE] [--only NAME,...] [--data DIR] [--list]");
                    out.println("  CSV and Parquet: csv-read, parquet-write[-none], parquet-read[-none] (against DuckDB with one"
                            + " thread, FastCSV, parquet-java)");
                    out.println("  the protocol: protocol-small (64-byte messages), protocol-table (65,536-row batches), over TCP"
                            + " against the raw pump");
                    out.println("  --quick   about a minute in all (default: the full run, a few minutes)");
                    out.println("  --json    write one JSON object per measurement and line to FILE");
                    out.println("  --only    run only these measurements (see --list)");
                    out.println("  --data    where the 100M-row mmap files are kept (default benchmarks/target/bench-data)");
                    return 0;
                }
                default -> {
                    System.err.println("lightstream bench: unknown argument '" + args[i] + "' (see --help)");
                    return 2;
                }
            }
        }
        for (String name : only) {
            Measurements.create(name); // fail early on a typo
        }
        Workspace workspace = Workspace.create(data);
        try {
            return runAll(scale, only, workspace, json, out);
        } finally {
            workspace.deleteTemp();
        }
    }

    private static int runAll(Scale scale, List<String> names, Workspace workspace, Path json, PrintStream out)
            throws Exception {
        out.println("# Lightstream benchmarks, scale " + scale.name() + ", load average "
                + ProcessStats.loadAverage());
        ProcessStats.machine().forEach(line -> out.println("# " + line));
        Runner runner = new Runner(scale, workspace, out);
        List<Result> results = new ArrayList<>();
        try (Writer jsonOut = json == null ? Writer.nullWriter() : Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            for (String name : names) {
                Result result;
                try (Measurement m = Measurements.create(name)) {
                    result = runner.run(m);
                }
                results.add(result);
                out.println(line(result));
                jsonOut.write(result.toJson());
                jsonOut.write('\n');
                jsonOut.flush();
            }
        }
        out.println();
        out.println(table(results));
        out.println("peak RSS of the whole process: " + ProcessStats.peakRssBytes() / 1_000_000 + " MB (resets per side)");
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** One progress line: "tcp-64k  MB/s  ours 1234 (±3%)  arrow-java 987 (±2%) 1.25x ...". */
    static String line(Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %-8s ours %s", r.name(), r.unit(),
                withSpread(r.ours())));
        for (Map.Entry<String, Stats> e : r.stats().entrySet()) {
            if (!e.getKey().equals(Side.OURS)) {
                b.append(String.format(Locale.ROOT, "  %s %s -> %.2fx", e.getKey(), withSpread(e.getValue()),
                        r.ratio(e.getKey())));
            }
        }
        StringBuilder cpu = new StringBuilder();
        r.cpuMs().forEach((side, v) -> cpu.append(cpu.isEmpty() ? "" : "/").append(format(v)));
        StringBuilder rates = new StringBuilder();
        r.mrowsPerSecond().forEach((side, v) -> rates.append(rates.isEmpty() ? "" : "/").append(format(v)));
        StringBuilder messages = new StringBuilder();
        r.messagesPerSecond().forEach((side, v) -> messages.append(messages.isEmpty() ? "" : "/").append(format(v)));
        b.append(String.format(Locale.ROOT, "  [%s%scpu ms/run %s, peak RSS MB %s, load %.2f]",
                rates.isEmpty() ? "" : "Mrows/s " + rates + ", ",
                messages.isEmpty() ? "" : "messages/s " + messages + ", ", cpu, rss(r), r.loadAverage()));
        return b.toString();
    }

    private static String rss(Result r) {
        StringBuilder b = new StringBuilder();
        r.peakRss().forEach((side, v) -> b.append(b.isEmpty() ? "" : "/").append(v < 0 ? "?" : Long.toString(v / 1_000_000)));
        return b.toString();
    }

    private static String withSpread(Stats s) {
        return String.format(Locale.ROOT, "%s (±%.0f%%)", format(s.median()), s.spread() * 50);
    }

    static String format(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The results as Markdown tables: the IPC measurements against their peers, then CSV and Parquet against theirs. */
    static String table(List<Result> results) {
        List<Result> formats = results.stream()
                .filter(r -> FORMAT_PEERS.stream().anyMatch(r.stats()::containsKey)).toList();
        List<Result> ipc = results.stream().filter(r -> !formats.contains(r)).toList();
        String first = ipc.isEmpty() ? "" : ipcTable(ipc);
        return formats.isEmpty() ? first : first + (first.isEmpty() ? "" : "\n") + formatTable(formats);
    }

    private static final List<String> FORMAT_PEERS = List.of(DuckDbPeer.NAME, CsvReadMeasurement.FASTCSV,
            ParquetMeasurement.PARQUET_JAVA);

    /** CSV and Parquet: MB/s and million rows/s of each side, ratios against DuckDB (1 thread), FastCSV, parquet-java. */
    static String formatTable(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| measurement | unit | ours | duckdb | fastcsv | parquet-java | vs duckdb | vs fastcsv | vs parquet-java"
                + " | Mrows/s (ours/peers) | spread (ours) | cpu ms/run (ours/peers) | load |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|\n");
        for (Result r : results) {
            b.append("| ").append(r.name()).append(" | ").append(r.unit()).append(" | ").append(format(r.ours().median()));
            for (String peer : FORMAT_PEERS) {
                Stats s = r.stats().get(peer);
                b.append(" | ").append(s == null ? "" : format(s.median()));
            }
            for (String peer : FORMAT_PEERS) {
                b.append(" | ").append(r.stats().containsKey(peer)
                        ? String.format(Locale.ROOT, "%.2fx", r.ratio(peer)) : "");
            }
            StringBuilder rates = new StringBuilder();
            r.mrowsPerSecond().forEach((side, v) -> rates.append(rates.isEmpty() ? "" : "/").append(format(v)));
            StringBuilder cpu = new StringBuilder();
            r.cpuMs().forEach((side, v) -> cpu.append(cpu.isEmpty() ? "" : "/").append(format(v)));
            b.append(String.format(Locale.ROOT, " | %s | ±%.0f%% | %s | %.2f |\n", rates, r.ours().spread() * 50, cpu,
                    r.loadAverage()));
        }
        return b.toString();
    }

    static String ipcTable(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| measurement | unit | ours | arrow-java | arrow-flight | raw-pump | vs arrow-java | vs flight | vs raw pump | spread (ours) | peak RSS MB (ours/peers) | load |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Result r : results) {
            b.append("| ").append(r.name()).append(" | ").append(r.unit()).append(r.higherIsBetter() ? "" : " (lower is better)")
                    .append(" | ").append(format(r.ours().median()));
            for (String peer : List.of(Side.ARROW_JAVA, Side.ARROW_FLIGHT, Side.RAW_PUMP)) {
                Stats s = r.stats().get(peer);
                b.append(" | ").append(s == null ? "" : format(s.median()));
            }
            for (String peer : List.of(Side.ARROW_JAVA, Side.ARROW_FLIGHT, Side.RAW_PUMP)) {
                b.append(" | ").append(r.stats().containsKey(peer)
                        ? String.format(Locale.ROOT, "%.2fx", r.ratio(peer)) : "");
            }
            b.append(String.format(Locale.ROOT, " | ±%.0f%% | %s | %.2f |\n", r.ours().spread() * 50, rss(r),
                    r.loadAverage()));
        }
        return b.toString();
    }

}
