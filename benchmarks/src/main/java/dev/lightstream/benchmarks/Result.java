package dev.lightstream.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one measurement: every side's statistics and what it moved, the peak RSS each
 * side reached, and the load average when it ran.
 *
 * <p>{@link #toJson()} writes the line format of issue 7, with extra keys after the required ones:
 * <pre>
 * {"name": "tcp-64k", "unit": "MB/s", "higher_is_better": true, "ours": 1234.5,
 *  "peers": {"arrow-java": 987.6, "raw-pump": 1500.0},
 *  "ratios": {...}, "spread": {...}, "min": {...}, "max": {...}, "runs": {...}, "rows": {...},
 *  "bytes": {...}, "peak_rss_mb": {...}, "cpu_ms": {...}, "load_avg": 1.9, "scale": "quick",
 *  "mrows_per_s": {...}}
 * </pre>
 * ({@code mrows_per_s} only where the row count of a run is known, as for the CSV and Parquet
 * measurements; {@code messages_per_s} only where the message count is, as for {@code protocol-small}.)
 * <pre>
 * </pre>
 * A ratio is ours over the peer for higher-is-better units and the peer over ours otherwise: above
 * 1 means we are ahead. {@code cpu_ms} is the median CPU time of the whole process (all threads,
 * user and kernel) per run: on a loaded machine it moves much less than the elapsed time.
 */
public record Result(String name, String unit, boolean higherIsBetter, Map<String, Stats> stats,
        Map<String, Moved> moved, Map<String, Long> peakRss, Map<String, Double> cpuMs, double loadAverage,
        String scale, long referenceRows, long referenceBytes, long referenceMessages) {

    /**
     * Million rows per second of each side (its median), for a throughput in MB/s over a known row
     * count; empty otherwise.
     */
    public Map<String, Double> mrowsPerSecond() {
        Map<String, Double> rates = new LinkedHashMap<>();
        if (MB_PER_S_UNIT.equals(unit) && referenceRows > 0 && referenceBytes > 0) {
            stats.forEach((side, s) -> rates.put(side, s.median() * referenceRows / referenceBytes));
        }
        return rates;
    }

    private static final String MB_PER_S_UNIT = "MB/s";

    /**
     * Messages per second of each side (its median; for the raw pump, messages' worth of bytes), for
     * a throughput in MB/s over a known message count ({@code protocol-small}); empty otherwise.
     */
    public Map<String, Double> messagesPerSecond() {
        Map<String, Double> rates = new LinkedHashMap<>();
        if (MB_PER_S_UNIT.equals(unit) && referenceMessages > 0 && referenceBytes > 0) {
            stats.forEach((side, s) -> rates.put(side, s.median() * 1e6 * referenceMessages / referenceBytes));
        }
        return rates;
    }

    public Stats ours() {
        return stats.get(Side.OURS);
    }

    /** The peers' medians, in run order. */
    public Map<String, Double> peers() {
        Map<String, Double> peers = new LinkedHashMap<>();
        stats.forEach((side, s) -> {
            if (!side.equals(Side.OURS)) {
                peers.put(side, s.median());
            }
        });
        return peers;
    }

    /** How far ahead we are of {@code peer}: above 1 is better. */
    public double ratio(String peer) {
        double o = ours().median();
        double p = stats.get(peer).median();
        return higherIsBetter ? o / p : p / o;
    }

    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        b.append("\"name\": ").append(quote(name));
        b.append(", \"unit\": ").append(quote(unit));
        b.append(", \"higher_is_better\": ").append(higherIsBetter);
        b.append(", \"ours\": ").append(number(ours().median()));
        b.append(", \"peers\": ").append(object(peers()));
        Map<String, Double> ratios = new LinkedHashMap<>();
        peers().keySet().forEach(p -> ratios.put(p, ratio(p)));
        b.append(", \"ratios\": ").append(object(ratios));
        b.append(", \"spread\": ").append(object(per(Stats::spread)));
        b.append(", \"min\": ").append(object(per(Stats::min)));
        b.append(", \"max\": ").append(object(per(Stats::max)));
        Map<String, Double> runs = new LinkedHashMap<>();
        stats.forEach((side, s) -> runs.put(side, (double) s.samples().length));
        b.append(", \"runs\": ").append(object(runs));
        Map<String, Double> rows = new LinkedHashMap<>();
        Map<String, Double> bytes = new LinkedHashMap<>();
        moved.forEach((side, m) -> {
            rows.put(side, (double) m.rows());
            bytes.put(side, (double) m.bytes());
        });
        b.append(", \"rows\": ").append(object(rows));
        b.append(", \"bytes\": ").append(object(bytes));
        Map<String, Double> rss = new LinkedHashMap<>();
        peakRss.forEach((side, v) -> rss.put(side, v < 0 ? -1 : v / 1e6));
        b.append(", \"peak_rss_mb\": ").append(object(rss));
        b.append(", \"cpu_ms\": ").append(object(cpuMs));
        b.append(", \"load_avg\": ").append(number(loadAverage));
        b.append(", \"scale\": ").append(quote(scale));
        if (!mrowsPerSecond().isEmpty()) {
            b.append(", \"mrows_per_s\": ").append(object(mrowsPerSecond()));
        }
        if (!messagesPerSecond().isEmpty()) {
            b.append(", \"messages_per_s\": ").append(object(messagesPerSecond()));
        }
        return b.append('}').toString();
    }

    private Map<String, Double> per(java.util.function.ToDoubleFunction<Stats> f) {
        Map<String, Double> map = new LinkedHashMap<>();
        stats.forEach((side, s) -> map.put(side, f.applyAsDouble(s)));
        return map;
    }

    private static String object(Map<String, Double> map) {
        StringBuilder b = new StringBuilder("{");
        map.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(quote(k)).append(": ").append(number(v));
        });
        return b.append('}').toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("e\\+?", "E");
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
