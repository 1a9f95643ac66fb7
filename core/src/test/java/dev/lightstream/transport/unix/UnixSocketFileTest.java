package dev.lightstream.transport.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class UnixSocketFileTest {
    @TempDir
    Path dir;

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // A socket file whose server is gone: bind, then close the channel without deleting the file.
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertThat(Files.exists(socket)).isTrue();
        try (Acceptor acceptor = UnixTransport.bind(socket)) {
            assertThat(acceptor.endpoint()).isEqualTo(new Endpoint.Unix(socket));
            try (Connection client = UnixTransport.connect(socket); Connection server = acceptor.accept()) {
                client.write(ByteBuffer.wrap(new byte[] {3}));
                ByteBuffer got = ByteBuffer.allocate(1);
                assertThat(server.read(got)).isEqualTo(1);
                assertThat(got.get(0)).isEqualTo((byte) 3);
            }
        }
        assertThat(Files.exists(socket)).as("deleted on close").isFalse();
    }

    @Test
    void aLiveServersSocketIsLeftAlone() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (Acceptor live = UnixTransport.bind(socket)) {
            assertThatThrownBy(() -> UnixTransport.bind(socket)).isInstanceOf(BindException.class)
                    .hasMessageContaining("already listening on " + socket);
            try (Connection client = UnixTransport.connect(socket); Connection ignored = live.accept()) {
                assertThat(client.isOpen()).isTrue();
            }
        }
    }

    @Test
    void aFileThatIsNotASocketIsNeverRemoved() throws Exception {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> UnixTransport.bind(file)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("is not a socket");
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void closeDeletesOnlyItsOwnFile() throws Exception {
        Path socket = dir.resolve("mine.sock");
        Acceptor first = UnixTransport.bind(socket);
        // Someone replaces the file (a new server after removing ours, say).
        Files.delete(socket);
        Files.writeString(socket, "someone else's");
        first.close();
        assertThat(Files.readString(socket)).isEqualTo("someone else's");
    }

    @Test
    void tooLongPathsGetAClearMessage() {
        Path socket = dir.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> UnixTransport.bind(socket)).hasMessageContaining("use a shorter one");
    }
}
