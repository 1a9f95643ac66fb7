package dev.lightstream.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven by chromedriver over the W3C WebDriver protocol (HTTP and JSON), with
 * the JDK alone: start, open a page, run a script, take a screenshot, quit. Enough for the page
 * tests; not a general client (it parses only the string and session-id answers it asks for).
 */
final class WebDriver implements AutoCloseable {
    /** Where Debian's packages put them; override with -Dlightstream.chromium and -Dlightstream.chromedriver. */
    static final Path CHROMIUM = Path.of(System.getProperty("lightstream.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("lightstream.chromedriver", "/usr/bin/chromedriver"));

    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;

    private WebDriver(Process driver, String base, String session, Path profile) {
        this.driver = driver;
        this.base = base;
        this.session = session;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts chromedriver on a free loopback port and a headless Chromium session with a fresh profile. */
    static WebDriver start(List<String> extraArgs) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("chromedriver", ".log");
        Process process = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        Path profile = Files.createTempDirectory("lightstream-chromium");
        try {
            waitUntilReady(base, process, log);
            List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1100,1000", "--user-data-dir=" + profile));
            args.addAll(extraArgs);
            StringBuilder json = new StringBuilder();
            for (String arg : args) {
                json.append(json.isEmpty() ? "" : ",").append(quote(arg));
            }
            String capabilities = "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                    + "\"goog:chromeOptions\":{\"binary\":" + quote(CHROMIUM.toString()) + ",\"args\":[" + json + "]}}}}";
            String answer = call("POST", base + "/session", capabilities);
            Matcher id = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
            if (!id.find()) {
                throw new IOException("chromedriver made no session: " + answer);
            }
            return new WebDriver(process, base, id.group(1), profile);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void waitUntilReady(String base, Process process, Path log) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                throw new IOException("chromedriver exited: " + Files.readString(log));
            }
            try {
                if (call("GET", base + "/status", null).contains("\"ready\":true")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("chromedriver did not become ready: " + Files.readString(log));
    }

    void open(String url) throws IOException {
        call("POST", base + "/session/" + session + "/url", "{\"url\":" + quote(url) + "}");
    }

    /** Runs {@code script} (a function body that returns a string) in the page and returns the string. */
    String script(String script) throws IOException {
        String answer = call("POST", base + "/session/" + session + "/execute/sync",
                "{\"script\":" + quote(script) + ",\"args\":[]}");
        return stringValue(answer);
    }

    /** Runs {@code script} until it returns something other than {@code pending}, for at most {@code limit}. */
    String await(String script, String pending, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String value = script(script);
        while (value.equals(pending) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = script(script);
        }
        return value;
    }

    /** A PNG of the window, written to {@code file}. */
    void screenshot(Path file) throws IOException {
        String answer = call("GET", base + "/session/" + session + "/screenshot", null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(stringValue(answer)));
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", base + "/session/" + session, null);
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // Chromium may still be writing its profile as it exits: a temporary directory is left.
        }
    }

    private static String call(String method, String url, String body) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
        http.setRequestMethod(method);
        http.setConnectTimeout(5_000);
        http.setReadTimeout(60_000);
        if (body != null) {
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            try (OutputStream out = http.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = http.getResponseCode();
        InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
        String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (status >= 400) {
            throw new IOException(method + " " + url + " answered " + status + ": " + answer);
        }
        return answer;
    }

    /** The string at {@code "value"} of a WebDriver answer. */
    static String stringValue(String json) throws IOException {
        int key = json.indexOf("\"value\"");
        int start = key < 0 ? -1 : json.indexOf('"', json.indexOf(':', key) + 1);
        if (start < 0) {
            throw new IOException("no string value in " + json);
        }
        StringBuilder out = new StringBuilder();
        for (int i = start + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = json.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw new IOException("unterminated string in " + json);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
