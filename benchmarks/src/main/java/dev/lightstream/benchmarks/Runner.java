package dev.lightstream.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link Measurement}: warm-up runs of every side, then the timed runs, interleaved
 * (ours, peer 1, peer 2, ours...) so that a change in the machine's load hits every side alike.
 * Before each side's runs the process's peak RSS is reset, so each side reports its own peak.
 */
public final class Runner {
    private final Scale scale;
    private final Workspace workspace;
    private final PrintStream log;

    public Runner(Scale scale, Workspace workspace, PrintStream log) {
        this.scale = scale;
        this.workspace = workspace;
        this.log = log;
    }

    public Result run(Measurement m) throws Exception {
        double load = ProcessStats.loadAverage();
        List<Side> sides = m.setUp(scale, workspace);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, Moved> moved = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (Side side : sides) {
            samples.put(side.name(), new ArrayList<>());
            cpu.put(side.name(), new ArrayList<>());
            rss.put(side.name(), -1L);
        }
        for (Side side : sides) {
            for (int i = 0; i < m.warmups(side, scale); i++) {
                side.run().run();
            }
        }
        int rounds = 0;
        for (Side side : sides) {
            rounds = Math.max(rounds, m.runs(side, scale));
        }
        for (int round = 0; round < rounds; round++) {
            for (Side side : sides) {
                if (round >= m.runs(side, scale)) {
                    continue;
                }
                ProcessStats.resetPeakRss();
                long cpuStart = ProcessStats.processCpuNanos();
                long start = System.nanoTime();
                Moved result = side.run().run();
                long nanos = result.nanos() >= 0 ? result.nanos() : System.nanoTime() - start;
                cpu.get(side.name()).add((ProcessStats.processCpuNanos() - cpuStart) / 1e6);
                rss.merge(side.name(), ProcessStats.peakRssBytes(), Math::max);
                samples.get(side.name()).add(m.value(result, nanos));
                Moved previous = moved.put(side.name(), result);
                if (previous != null && (previous.rows() != result.rows() || previous.checksum() != result.checksum())) {
                    throw new IllegalStateException(m.name() + " " + side.name() + ": runs disagree: " + previous
                            + " then " + result);
                }
            }
        }
        Moved ours = moved.get(Side.OURS);
        moved.forEach((side, other) -> {
            // Every side that reads rows must deliver ours and sum them alike (a pump reads none).
            if (other.rows() > 0 && (other.rows() != ours.rows() || other.checksum() != ours.checksum())) {
                throw new IllegalStateException(m.name() + ": " + side + " moved " + other + " but ours " + ours);
            }
        });
        Map<String, Stats> stats = new LinkedHashMap<>();
        samples.forEach((side, values) -> stats.put(side,
                new Stats(values.stream().mapToDouble(Double::doubleValue).toArray())));
        if (log != null) {
            log.flush();
        }
        Map<String, Double> cpuMs = new LinkedHashMap<>();
        cpu.forEach((side, values) -> cpuMs.put(side,
                new Stats(values.stream().mapToDouble(Double::doubleValue).toArray()).median()));
        return new Result(m.name(), m.unit(), m.higherIsBetter(), stats, moved, rss, cpuMs, load, scale.name(),
                m.referenceRows(), m.referenceBytes(), m.referenceMessages());
    }
}
