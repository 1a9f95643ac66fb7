package dev.lightstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example's main and checks what it prints. */
@Timeout(60)
class ExamplesTest {
    @TempDir
    Path dir;

    interface Main {
        void run() throws Exception;
    }

    /** What {@code main} printed on stdout. */
    private static String output(Main main) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writeAndReadIpcFile() throws Exception {
        Path file = dir.resolve("cities.arrow");
        String out = output(() -> WriteAndReadIpcFile.main(new String[] {file.toString()}));
        assertThat(out).isEqualTo("1 Oslo 709000\n2 Lima null\n3 Rome 2750000\n");
        assertThat(file).exists();
        // Without a path it cleans up after itself.
        assertThat(output(() -> WriteAndReadIpcFile.main(new String[0]))).isEqualTo(out);
    }

    @Test
    void streamToChannel() throws Exception {
        assertThat(output(() -> StreamToChannel.main(new String[0]))).isEqualTo("""
                batch of 1000 rows, sum 499500
                batch of 1000 rows, sum 1499500
                batch of 1000 rows, sum 2499500
                received 3000 rows
                """);
    }

    @Test
    void serveOverTcp() throws Exception {
        assertThat(output(() -> ServeOverTcp.main(new String[0])))
                .isEqualTo("received 3 batches, 3000 rows, sum 4498500\n");
    }

    @Test
    void buildBatches() throws Exception {
        assertThat(output(() -> BuildBatches.main(new String[0]))).isEqualTo("""
                dictionary: BinaryArray[utf8, length=2]{Oslo, Lima}
                0 Oslo [0.0] {x=0.0, y=0.0}
                1 Lima [0.0, 1.5] {x=1.0, y=-1.0}
                2 Oslo [0.0, 1.5, 3.0] {x=2.0, y=-2.0}
                3 null [] null
                """);
    }
}
