package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayEquality;
import dev.lightstream.cli.io.Console;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code lightstream serve} in one process and {@code lightstream convert} in another (this one),
 * over TCP, a Unix socket, TLS and a stdio pipe: what arrives equals the source, value by value.
 */
@Timeout(120)
class ServeCommandTest {
    private static final Path DIR = dev.lightstream.testing.ArrowTestingData.integration().resolve("cpp-21.0.0");

    @TempDir
    Path dir;

    static Golden.Content read(Path path, BufferAllocator allocator) throws IOException {
        return Files.readString(path, StandardCharsets.ISO_8859_1).startsWith("ARROW1")
                ? Golden.readFile(path, allocator) : Golden.readStream(path, allocator);
    }

    static void assertSameTable(Path expected, Path actual) throws IOException {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             Golden.Content want = read(expected, allocator);
             Golden.Content got = read(actual, allocator)) {
            assertThat(got.schema()).isEqualTo(want.schema());
            assertThat(got.batches()).hasSameSizeAs(want.batches());
            for (int i = 0; i < want.batches().size(); i++) {
                assertThat(ArrayEquality.defaults().compare(want.batches().get(i), got.batches().get(i)))
                        .as(expected.getFileName() + " batch " + i).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp://127.0.0.1:0", "unix"})
    void serveOnceToConvertInAnotherProcess(String listen) throws Exception {
        String where = listen.equals("unix") ? "unix://" + shortSocketPath() : listen;
        for (String name : List.of("generated_dictionary.arrow_file", "generated_nested.stream")) {
            Path source = DIR.resolve(name);
            Path out = dir.resolve(name + ".arrows");
            try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", where, "--once")) {
                String endpoint = serve.endpoint();
                Cli.Result convert = Cli.run("convert", endpoint, out.toString());
                assertThat(convert.exit()).as(convert.toString()).isZero();
                assertThat(serve.exitCode()).as(serve.stderr.toString()).isZero();
                assertThat(serve.stderr).anyMatch(line -> line.matches("lightstream: sent \\d+ batches, .* to .* in .*"));
            }
            assertSameTable(source, out);
        }
    }

    @Test
    void withoutOnceItServesClientsAtOnceUntilStoppedAndRemovesItsSocket() throws Exception {
        Path socket = shortSocketPath();
        Path source = DIR.resolve("generated_primitive.arrow_file");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "unix://" + socket)) {
            String endpoint = serve.endpoint();
            assertThat(socket).exists();
            List<java.util.concurrent.CompletableFuture<Cli.Result>> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path out = dir.resolve("client" + i + ".arrows");
                clients.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Cli.run("convert", endpoint, out.toString())));
            }
            for (int i = 0; i < 3; i++) {
                Cli.Result result = clients.get(i).get();
                assertThat(result.exit()).as(result.toString()).isZero();
                assertSameTable(source, dir.resolve("client" + i + ".arrows"));
            }
            for (int i = 0; i < 3; i++) {
                serve.awaitLine("^lightstream: sent \\d+ batches");
            }
            serve.process.destroy(); // SIGTERM: the shutdown hook closes the server
            serve.exitCode();
            assertThat(socket).as("the socket file is removed on the way out").doesNotExist();
        }
    }

    @Test
    void serveOverStdoutIntoConvertFromStdin() throws Exception {
        Path source = DIR.resolve("generated_primitive.arrow_file");
        Path out = dir.resolve("primitive.arrow");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "-")) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Main.run(Console.of(serve.process.getInputStream(), text, err, false), "convert", "-",
                    out.toString());
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(serve.exitCode()).as(serve.stderr.toString()).isZero();
        }
        assertSameTable(source, out);
    }

    @Test
    void stdoutOfServeIsExactlyTheArrowStream() throws Exception {
        Path source = DIR.resolve("generated_dictionary.stream");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "-")) {
            serve.process.getOutputStream().close();
            byte[] stdout;
            try (InputStream in = serve.process.getInputStream()) {
                stdout = in.readAllBytes();
            }
            assertThat(serve.exitCode()).isZero();
            byte[] expected;
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                 Golden.Content content = Golden.readStream(source, allocator)) {
                expected = IpcFiles.streamBytes(content.schema(), content.batches(), allocator);
            }
            assertThat(stdout).as("stdout byte for byte").isEqualTo(expected);
        }
    }

    @Test
    void tlsWithASelfSignedCertificateTrustedByFingerprintRefusedOtherwise() throws Exception {
        Path source = DIR.resolve("generated_datetime.arrow_file");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "tls://127.0.0.1:0")) {
            String fingerprint = serve.awaitLine("--trust-fingerprint ([0-9A-F:]{95})$");
            String endpoint = serve.endpoint();
            assertThat(endpoint).startsWith("tls://127.0.0.1:");

            Path pinned = dir.resolve("pinned.arrows");
            Cli.Result ok = Cli.run("convert", endpoint, pinned.toString(), "--trust-fingerprint", fingerprint);
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertSameTable(source, pinned);

            Cli.Result refused = Cli.run("convert", endpoint, dir.resolve("refused.arrows").toString());
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.errLines()).singleElement().asString()
                    .startsWith("lightstream: TLS handshake with ")
                    .contains("the server certificate CN=127.0.0.1 (SHA-256 " + fingerprint + ") is not trusted")
                    .endsWith("(trust the server with --trust CA.pem or --trust-fingerprint HEX, or skip the check"
                            + " with --insecure)");
            assertThat(refused.stdout()).isEmpty();
            assertThat(dir.resolve("refused.arrows")).doesNotExist();

            Path insecure = dir.resolve("insecure.arrow");
            Cli.Result anyway = Cli.run("convert", endpoint, insecure.toString(), "--insecure");
            assertThat(anyway.exit()).as(anyway.toString()).isZero();
            assertThat(anyway.errLines()).singleElement().asString()
                    .startsWith("lightstream: warning: --insecure: the server's certificate is not checked");
            assertSameTable(source, insecure);

            serve.awaitLine("client .*(handshake|certificate)"); // the refused client, reported by the server
        }
    }

    @Test
    void tlsWithCertificateFilesAndACaTrustFile() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        certificate.writePem(cert, key);
        Path source = DIR.resolve("generated_map.arrow_file");
        Path out = dir.resolve("map.arrow");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "tls://localhost:0",
                "--cert", cert.toString(), "--key", key.toString(), "--once")) {
            String endpoint = serve.endpoint();
            assertThat(serve.stderr).noneMatch(line -> line.contains("self-signed"));
            Cli.Result convert = Cli.run("convert", endpoint, out.toString(), "--trust", cert.toString());
            assertThat(convert.exit()).as(convert.toString()).isZero();
            assertThat(serve.exitCode()).isZero();
        }
        assertSameTable(source, out);
    }

    @Test
    void aServerWithTrustRequiresClientCertificates() throws Exception {
        SelfSignedCertificate server = SelfSignedCertificate.forLocalhost();
        SelfSignedCertificate client = SelfSignedCertificate.builder().commonName("client").build();
        server.writePem(dir.resolve("server.pem"), dir.resolve("server.key"));
        client.writePem(dir.resolve("client.pem"), dir.resolve("client.key"));
        Path source = DIR.resolve("generated_primitive.arrow_file");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "tls://localhost:0",
                "--cert", dir.resolve("server.pem").toString(), "--key", dir.resolve("server.key").toString(),
                "--trust", dir.resolve("client.pem").toString())) {
            String endpoint = serve.endpoint();
            Path out = dir.resolve("authenticated.arrows");
            Cli.Result authenticated = Cli.run("convert", endpoint, out.toString(),
                    "--trust", dir.resolve("server.pem").toString(),
                    "--cert", dir.resolve("client.pem").toString(), "--key", dir.resolve("client.key").toString());
            assertThat(authenticated.exit()).as(authenticated.toString()).isZero();
            assertSameTable(source, out);

            Cli.Result anonymous = Cli.run("convert", endpoint, dir.resolve("anonymous.arrows").toString(),
                    "--trust", dir.resolve("server.pem").toString());
            assertThat(anonymous.exit()).as(anonymous.toString()).isEqualTo(1);
            assertThat(anonymous.errLines()).singleElement().asString().startsWith("lightstream: ")
                    .contains("certificate_required")
                    .endsWith("(the server requires a client certificate: give --cert and --key)");
        }
    }

    @Test
    void mistakesAreUsageErrorsOrOneLine() {
        Path source = DIR.resolve("generated_primitive.arrow_file");
        Cli.Result badUri = Cli.run("serve", source.toString(), "--listen", "udp://host:1");
        assertThat(badUri.exit()).isEqualTo(2);
        assertThat(badUri.err()).contains("udp://host:1");
        Cli.Result tlsOnTcp = Cli.run("serve", source.toString(), "--listen", "tcp://127.0.0.1:0", "--insecure");
        assertThat(tlsOnTcp.exit()).isEqualTo(2);
        assertThat(tlsOnTcp.err()).contains("need a tls:// endpoint");
        Cli.Result missing = Cli.run("serve", dir.resolve("missing.arrow").toString(), "--listen", "tcp://127.0.0.1:0");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString().startsWith("lightstream: no such file: ");
        Cli.Result refused = Cli.run("convert", "tcp://127.0.0.1:1", dir.resolve("x.arrows").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().startsWith("lightstream: ");
        Cli.Result certWithoutKey = Cli.run("convert", "tls://127.0.0.1:1", dir.resolve("x.arrows").toString(),
                "--cert", "c.pem");
        assertThat(certWithoutKey.exit()).isEqualTo(2);
        assertThat(certWithoutKey.err()).contains("--cert and --key go together");
    }

    /** Unix socket paths are limited to about 100 bytes: not under the JUnit temporary directory. */
    private static Path shortSocketPath() throws IOException {
        Path socketDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ls");
        socketDir.toFile().deleteOnExit();
        return socketDir.resolve("s.sock");
    }
}
