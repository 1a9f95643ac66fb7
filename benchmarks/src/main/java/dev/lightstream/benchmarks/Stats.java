package dev.lightstream.benchmarks;

import java.util.Arrays;

/**
 * The samples of one side of one measurement, in the measurement's unit: median, minimum and
 * maximum, and the spread ((max - min) / median).
 */
public record Stats(double[] samples) {
    public Stats {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        samples = samples.clone();
        Arrays.sort(samples);
    }

    public double median() {
        int n = samples.length;
        return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    }

    public double min() {
        return samples[0];
    }

    public double max() {
        return samples[samples.length - 1];
    }

    /** (max - min) / median: 0.05 means the runs lay within 5% of the median's size. */
    public double spread() {
        double m = median();
        return m == 0 ? 0 : (max() - min()) / m;
    }
}
