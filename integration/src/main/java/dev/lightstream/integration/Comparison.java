package dev.lightstream.integration;

import java.util.List;

/**
 * The result of {@link IntegrationComparator#compare}: equal, or the first differences found.
 *
 * {@snippet :
 * Comparison result = comparator.compare(expected, actual);
 * if (!result.isEqual()) {
 *     throw new AssertionError(result.toString());
 * }
 * }
 *
 * @param differences the differences found, in the order the comparator met them
 * @param truncated true when the comparator stopped at its limit and more may exist
 */
public record Comparison(List<Difference> differences, boolean truncated) {
    public Comparison {
        differences = List.copyOf(differences);
    }

    public boolean isEqual() {
        return differences.isEmpty();
    }

    /** {@code "equal"}, or one line per difference. */
    @Override
    public String toString() {
        if (isEqual()) {
            return "equal";
        }
        StringBuilder sb = new StringBuilder().append(differences.size()).append(" difference(s)")
                .append(truncated ? " (stopped at the limit)" : "").append(':');
        for (Difference d : differences) {
            sb.append("\n  ").append(d);
        }
        return sb.toString();
    }
}
