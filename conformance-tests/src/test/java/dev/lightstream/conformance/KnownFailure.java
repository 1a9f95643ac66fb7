package dev.lightstream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A gold case that another implementation is known not to handle, with why, and a piece of the
 * failure it must still show: an exclusion that stops failing is reported, so the lists cannot rot.
 *
 * @param label the case, {@code folder/generated_name}
 * @param reason why the other implementation fails, for people and for docs/conformance.md
 * @param symptom text that the failure's message must contain
 */
record KnownFailure(String label, String reason, String symptom) {

    /** The failures by label; a label given twice is a mistake in the list. */
    static Map<String, KnownFailure> byLabel(KnownFailure... failures) {
        return Stream.of(failures).collect(Collectors.toUnmodifiableMap(KnownFailure::label, Function.identity()));
    }

    /** The same reason and symptom for a case in each of several folders. */
    static KnownFailure[] inFolders(String name, String reason, String symptom, String... folders) {
        return Stream.of(folders).map(f -> new KnownFailure(f + "/generated_" + name, reason, symptom))
                .toArray(KnownFailure[]::new);
    }

    static KnownFailure[] concat(KnownFailure[]... groups) {
        return Stream.of(groups).flatMap(Stream::of).toArray(KnownFailure[]::new);
    }

    /** Something the other implementation does that may fail. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}, which must fail with this symptom in its message (or in a cause's).
     */
    void assertFails(Step step) {
        try {
            step.run();
        } catch (Exception | AssertionError | LinkageError e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t).append(" | ");
            }
            assertThat(messages.toString()).as("%s: expected failure (%s)", label, reason).contains(symptom);
            return;
        }
        fail(label + " is listed as failing (" + reason + ") but passed: take it off the list");
    }
}
