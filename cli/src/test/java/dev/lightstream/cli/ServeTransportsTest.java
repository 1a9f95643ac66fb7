package dev.lightstream.cli;

import static dev.lightstream.cli.ServeCommandTest.assertSameTable;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code lightstream serve --listen} over the transports of the optional modules (WebSocket, QUIC,
 * WebTransport) in one process and {@code lightstream convert} from it in this one: what arrives
 * equals the source, value by value; a self-signed certificate's fingerprint is printed by the server
 * and pinned by the client, and a client that trusts nothing is refused.
 */
@Timeout(120)
class ServeTransportsTest {
    private static final Path DIR = dev.lightstream.testing.ArrowTestingData.integration().resolve("cpp-21.0.0");

    @TempDir
    Path dir;

    @Test
    void webSocketServesTheStreamAtStreamAndThePageAtRoot() throws Exception {
        Path source = DIR.resolve("generated_nested.stream");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", "ws://127.0.0.1:0")) {
            String endpoint = serve.endpoint();
            assertThat(endpoint).matches("ws://127\\.0\\.0\\.1:\\d+/stream");
            String page = serve.awaitLine("^lightstream: the browser page is at (\\S+)$");
            assertThat(page).isEqualTo(endpoint.replace("ws://", "http://").replace("/stream", "/"));
            assertThat(serve.stderr).noneMatch(line -> line.contains("self-signed"));

            Path out = dir.resolve("nested.arrows");
            Cli.Result convert = Cli.run("convert", endpoint, out.toString());
            assertThat(convert.exit()).as(convert.toString()).isZero();
            assertSameTable(source, out);

            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("<html").contains("<script");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wss://127.0.0.1:0", "quic://127.0.0.1:0", "https://127.0.0.1:0/stream"})
    void aSelfSignedServerIsPinnedByFingerprintOrTakenInsecurely(String listen) throws Exception {
        Path source = DIR.resolve("generated_dictionary.arrow_file");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", listen)) {
            String fingerprint = serve.awaitLine("--trust-fingerprint ([0-9A-F:]{95})$");
            String endpoint = serve.endpoint();
            String scheme = listen.substring(0, listen.indexOf(':'));
            assertThat(endpoint).startsWith(scheme + "://127.0.0.1:").doesNotEndWith(":0");

            Path pinned = dir.resolve("pinned.arrows");
            Cli.Result ok = Cli.run("convert", endpoint, pinned.toString(), "--trust-fingerprint", fingerprint);
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertSameTable(source, pinned);

            Path insecure = dir.resolve("insecure.arrow");
            Cli.Result anyway = Cli.run("convert", endpoint, insecure.toString(), "--insecure");
            assertThat(anyway.exit()).as(anyway.toString()).isZero();
            assertThat(anyway.errLines()).singleElement().asString()
                    .startsWith("lightstream: warning: --insecure: the server's certificate is not checked");
            assertSameTable(source, insecure);

            Path refusedOut = dir.resolve("refused.arrows");
            Cli.Result refused = Cli.run("convert", endpoint, refusedOut.toString());
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.errLines()).singleElement().asString().startsWith("lightstream: ")
                    .contains("the server certificate CN=127.0.0.1 (SHA-256 " + fingerprint + ") is not trusted")
                    .endsWith("(trust the server with --trust CA.pem or --trust-fingerprint HEX, or skip the check"
                            + " with --insecure)");
            assertThat(refusedOut).doesNotExist();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ws://127.0.0.1:0", "wss://127.0.0.1:0", "quic://127.0.0.1:0", "https://127.0.0.1:0/stream"})
    void serveOnceSendsTheWholeTableThenExits(String listen) throws Exception {
        Path source = DIR.resolve("generated_primitive.arrow_file");
        Path out = dir.resolve("once.arrows");
        try (ServeProcess serve = ServeProcess.start("serve", source.toString(), "--listen", listen, "--once")) {
            String endpoint = serve.endpoint();
            Cli.Result convert = listen.startsWith("ws:") ? Cli.run("convert", endpoint, out.toString())
                    : Cli.run("convert", endpoint, out.toString(), "--insecure");
            assertThat(convert.exit()).as(convert.toString()).isZero();
            assertThat(serve.exitCode()).as(serve.stderr.toString()).isZero();
            assertThat(serve.stderr).anyMatch(line -> line.matches("lightstream: sent \\d+ batches, .* to .* in .*"));
        }
        assertSameTable(source, out);
    }

    @Test
    void aQuicClientWithNobodyListeningFailsAtOnce() throws Exception {
        int port;
        try (java.net.DatagramSocket free = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Cli.Result refused = Cli.run("convert", "quic://127.0.0.1:" + port, dir.resolve("x.arrows").toString(),
                "--insecure");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.errLines()).last().asString()
                .isEqualTo("lightstream: QUIC connection to quic://127.0.0.1:" + port
                        + " refused: nothing listens there (ICMP port unreachable)");
    }

    @Test
    void tlsOptionsNeedASecureScheme() {
        Path source = DIR.resolve("generated_primitive.arrow_file");
        Cli.Result plain = Cli.run("serve", source.toString(), "--listen", "ws://127.0.0.1:0", "--insecure");
        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.err()).contains("need a tls://, wss://, quic:// or https:// endpoint, not ws://127.0.0.1:0");
        Cli.Result client = Cli.run("convert", "ws://127.0.0.1:1/stream", dir.resolve("x.arrows").toString(),
                "--insecure");
        assertThat(client.exit()).isEqualTo(2);
    }
}
