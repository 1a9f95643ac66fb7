package dev.lightstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void parsesEveryForm() {
        assertThat(Endpoint.parse("tcp://localhost:9000")).isEqualTo(new Endpoint.Tcp("localhost", 9000));
        assertThat(Endpoint.parse("tls://db.example.com:443")).isEqualTo(new Endpoint.Tls("db.example.com", 443));
        assertThat(Endpoint.parse("tcp://127.0.0.1:0")).isEqualTo(new Endpoint.Tcp("127.0.0.1", 0));
        assertThat(Endpoint.parse("tcp://[::1]:65535")).isEqualTo(new Endpoint.Tcp("::1", 65535));
        assertThat(Endpoint.parse("tcp://[fe80::1%eth0]:7")).isEqualTo(new Endpoint.Tcp("fe80::1%eth0", 7));
        assertThat(Endpoint.parse("unix:///tmp/app.sock")).isEqualTo(new Endpoint.Unix(Path.of("/tmp/app.sock")));
        assertThat(Endpoint.parse("unix:run/app.sock")).isEqualTo(new Endpoint.Unix(Path.of("run/app.sock")));
        assertThat(Endpoint.parse("-")).isEqualTo(new Endpoint.Stdio());
        assertThat(Endpoint.parse("  TCP://Host:1 ")).isEqualTo(new Endpoint.Tcp("Host", 1));
        assertThat(Endpoint.parse("ws://localhost:8080")).isEqualTo(new Endpoint.Url("ws", "localhost", 8080, ""));
        assertThat(Endpoint.parse("WSS://[::1]:443/stream"))
                .isEqualTo(new Endpoint.Url("wss", "::1", 443, "/stream"));
        assertThat(Endpoint.parse("quic://127.0.0.1:0")).isEqualTo(new Endpoint.Url("quic", "127.0.0.1", 0, ""));
        assertThat(Endpoint.parse("https://h:4433/stream")).isEqualTo(new Endpoint.Url("https", "h", 4433, "/stream"));
    }

    @Test
    void urlsChangeTheirPathAndPort() {
        Endpoint.Url url = (Endpoint.Url) Endpoint.parse("ws://localhost:0");
        assertThat(url.withPort(81).withPath("/stream").toString()).isEqualTo("ws://localhost:81/stream");
        assertThatThrownBy(() -> url.withPath("stream")).hasMessage("path=stream must be empty or start with /");
        assertThatThrownBy(() -> new Endpoint.Url("http", "h", 1, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme=http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://localhost:9000", "tls://10.0.0.1:1", "tcp://[::1]:80", "unix:///var/run/x.sock",
            "unix:rel/x.sock", "-",
            "ws://localhost:8080", "wss://[::1]:443/stream", "quic://127.0.0.1:4433", "https://localhost:4433/stream"})
    void printsWhatItParses(String text) {
        Endpoint endpoint = Endpoint.parse(text);
        assertThat(endpoint.toString()).isEqualTo(text);
        assertThat(Endpoint.parse(endpoint.toString())).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:9000|has no scheme (tcp://localhost:9000, perhaps?); expected tcp://host:port, tls://host:port, unix:///path/to/socket, - (stdio), ws://host:port[/path]",
        "http://x:80|has unknown scheme \"http\"",
        "tcp://localhost|has no port; expected tcp://host:port",
        "tcp:localhost:80|must start with tcp://",
        "tcp://:80|has no host (to listen on every interface, use 0.0.0.0 or [::])",
        "tcp://host:99999|has an invalid port \"99999\"; expected a number from 0 to 65535",
        "tcp://host:-1|has an invalid port \"-1\"",
        "tcp://host:|has an invalid port \"\"",
        "tls://host:80/path|may hold only a host and a port (found '/')",
        "tls://user@host:80|may hold only a host and a port (found '@')",
        "tcp://::1:80|has an IPv6 address outside brackets; expected tcp://[::1]:port",
        "tcp://[::1:80|has an IPv6 address with no closing bracket",
        "tcp://[::1]|has no port",
        "tcp://[zz::1]:80|has an invalid IPv6 address \"zz::1\"",
        "tcp://bad host:80|has an invalid host name \"bad host\"",
        "unix://tmp/x.sock|needs an absolute path after unix://, as in unix:///tmp/app.sock",
        "unix:|has no socket path",
        "-x|has no scheme",
        "ws:host:80|must start with ws://",
        "quic://host|has no port",
        "ws://host:80/stream?x=1|may hold only a host, a port and a path (found '?')",
        "https://user@host:80/s|may hold only a host and a port (found '@')",
    })
    void explainsWhatIsWrong(String text, String problem) {
        assertThatThrownBy(() -> Endpoint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint \"" + text + "\" ")
                .hasMessageContaining(problem);
    }

    @Test
    void comesFromSocketAddresses() {
        assertThat(Endpoint.of(new InetSocketAddress("127.0.0.1", 5))).isEqualTo(new Endpoint.Tcp("127.0.0.1", 5));
        assertThat(Endpoint.of(UnixDomainSocketAddress.of("/a/b"))).isEqualTo(new Endpoint.Unix(Path.of("/a/b")));
        assertThat(((Endpoint.Tcp) Endpoint.parse("tcp://127.0.0.1:7")).socketAddress())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 7));
        assertThatThrownBy(() -> new Endpoint.Tcp("h", 70000)).hasMessage("port=70000 is not in 0..65535");
    }
}
