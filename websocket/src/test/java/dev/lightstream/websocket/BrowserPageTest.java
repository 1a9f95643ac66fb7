package dev.lightstream.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.SequenceTable;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser page in headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): the server streams a table of 10,000 rows in 10 batches over the WebSocket, and the
 * page, which decodes it with the Apache Arrow JS bundled in the jar, must show the schema, the row
 * count and the first rows with the right values, and draw the chart. A screenshot goes to
 * {@code target/surefire-reports/browser-page.png} and is attached to the test's report.
 *
 * <p>Without Chromium the test is skipped with a message, except under CI ({@code CI} set), where
 * it fails.
 */
@Timeout(120)
class BrowserPageTest {
    static final int BATCHES = 10;
    static final int ROWS = 1_000;
    static final Path SCREENSHOT = Path.of("target", "surefire-reports", "browser-page.png");

    @BeforeAll
    static void needsChromium() {
        if (!WebDriver.available()) {
            String why = "no headless Chromium: " + WebDriver.CHROMIUM + " and " + WebDriver.CHROMEDRIVER
                    + " are needed (apt-get install chromium chromium-driver; .ci/run does it)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            System.err.println("BrowserPageTest SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    /** Writes the sequence table, batch by batch, then ends the stream with a close frame. */
    static ConnectionHandler sequenceTable() {
        return connection -> {
            try (BufferAllocator allocator = BufferAllocator.create()) {
                ArrowStreamWriter writer = new ArrowStreamWriter(connection, SequenceTable.SCHEMA, allocator);
                for (int i = 0; i < BATCHES; i++) {
                    try (RecordBatch batch = SequenceTable.batch(allocator, (long) i * ROWS, ROWS)) {
                        writer.write(batch);
                    }
                }
                writer.end();
                connection.shutdownOutput();
                writer.close();
            }
        };
    }

    @Test
    void thePageShowsTheStreamedTable() throws Exception {
        try (ConnectionServer server = WebSocketTransport.listen((Endpoint.Url) Endpoint.parse("ws://127.0.0.1:0"),
                SocketOptions.defaults(), null, ServerOptions.defaults(), sequenceTable());
                WebDriver browser = WebDriver.start(List.of())) {
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            browser.open("http://127.0.0.1:" + port + "/");
            String state = browser.await("return document.body.dataset.state;", "connecting", Duration.ofSeconds(30));
            state = state.equals("streaming")
                    ? browser.await("return document.body.dataset.state;", "streaming", Duration.ofSeconds(30)) : state;
            String status = browser.script("return document.getElementById('status').textContent;");
            browser.screenshot(SCREENSHOT);
            System.out.println("[[ATTACHMENT|" + SCREENSHOT.toAbsolutePath() + "]]");
            assertThat(state).as("page state; status: " + status).isEqualTo("done");

            assertThat(browser.script("return document.getElementById('rows').textContent;"))
                    .isEqualTo(String.valueOf(BATCHES * ROWS));
            assertThat(browser.script("return document.getElementById('batches').textContent;"))
                    .isEqualTo(String.valueOf(BATCHES));
            assertThat(browser.script("return document.getElementById('schema').innerText;"))
                    .contains("id: Int64 not null").contains("value: Float64 not null").contains("name: Utf8");
            String rows = browser.script("return Array.from(document.querySelectorAll('#preview tbody tr'))"
                    + ".map(tr => Array.from(tr.cells).map(td => td.textContent).join('\\t')).join('\\n');");
            List<String> lines = rows.lines().toList();
            assertThat(lines).hasSize(20);
            for (int row = 0; row < lines.size(); row++) {
                String value = row % 2 == 0 ? String.valueOf(row / 2) : (row / 2) + ".5";
                assertThat(lines.get(row)).as("preview row " + row).isEqualTo(row + "\t" + value + "\trow-" + row);
            }
            assertThat(browser.script("return document.getElementById('chart-title').textContent;")).contains("value");
            String path = browser.script("const p = document.querySelector('#chart path'); return p ? p.getAttribute('d') : '';");
            assertThat(path.split("L")).as("one chart point per row charted").hasSize(500);
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(1_000);
        }
    }
}
