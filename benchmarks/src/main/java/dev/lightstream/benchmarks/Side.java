package dev.lightstream.benchmarks;

/**
 * One contender of a measurement: Lightstream ("ours") or a peer ("arrow-java", "arrow-flight",
 * "raw-pump"). {@link #run()} does one complete, timed unit of work.
 */
public record Side(String name, Run run) {
    /** Name of our side. */
    public static final String OURS = "ours";
    public static final String ARROW_JAVA = "arrow-java";
    public static final String ARROW_FLIGHT = "arrow-flight";
    public static final String RAW_PUMP = "raw-pump";

    /** One run. */
    @FunctionalInterface
    public interface Run {
        Moved run() throws Exception;
    }
}
