/**
 * Coverage-guided fuzz targets (Jazzer) for every decoder of untrusted bytes, and the regression
 * tests made from what they found.
 *
 * <p>Each {@code *FuzzTest} has one {@code @FuzzTest} method that states the contract for one
 * decoder: any input is either read completely (every value touched) or refused with an
 * {@link java.io.IOException}; nothing else may escape, no input may hang or exhaust the heap, and
 * every block is released afterwards. Seeds are loaded at run time from the Arrow test data
 * ({@link dev.lightstream.testing.ArrowTestingData}) or generated in code: nothing of the corpus is
 * copied into the repository.
 *
 * <p>In the normal build the targets run in Jazzer's regression mode, over their seeds. To fuzz
 * one, run {@code fuzz/run.sh TARGET SECONDS}; see {@code docs/fuzzing.md}.
 */
package dev.lightstream.fuzz;
