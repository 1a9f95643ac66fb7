/**
 * Small, complete programs that use the Lightstream API, each runnable with its {@code main}:
 * {@link dev.lightstream.examples.WriteAndReadIpcFile}, {@link dev.lightstream.examples.StreamToChannel}
 * and {@link dev.lightstream.examples.BuildBatches}.
 *
 * <p>The code between {@code // readme:NAME} and {@code // end:NAME} is shown in the README's quick
 * start; a test checks that the README shows it unchanged, so the README's code always compiles.
 *
 * {@snippet :
 * WriteAndReadIpcFile.main(new String[] {"/tmp/cities.arrow"});
 * }
 */
package dev.lightstream.examples;
