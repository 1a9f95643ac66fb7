/**
 * The {@code lightstream} command: {@link dev.lightstream.cli.Main} and one class per subcommand
 * ({@code schema}, {@code cat}, {@code convert}, {@code serve}, {@code demo}), each a
 * {@link dev.lightstream.cli.Subcommand} listed in {@link dev.lightstream.cli.LightstreamCommand}.
 *
 * <p>Exit codes: 0 success; 1 invalid input, with one line on stderr and no stack trace
 * ({@link dev.lightstream.cli.ErrorReporter}; {@code LIGHTSTREAM_DEBUG=1} shows the trace);
 * 2 usage error. Nothing but data goes to stdout when it is a stream output.
 *
 * {@snippet :
 * int exit = Main.run(Console.of(System.in, stdout, stderr, false), "convert", "in.arrow", "-");
 * }
 */
package dev.lightstream.cli;
