package dev.lightstream.fuzz;

import dev.lightstream.testing.ArrowTestingData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs for the fuzz targets, read at run time from the Arrow test data: the golden
 * integration files and the ipc-fuzz corpus. Each seed is named after its file so that a failing
 * seed in regression mode says which one.
 */
final class Seeds {
    /**
     * Seeds above this size are left out while fuzzing (libFuzzer mutates small inputs much faster,
     * and every golden layout exists in a small file too); regression mode runs them all.
     */
    static final int FUZZING_MAX_BYTES = 64 * 1024;

    private Seeds() {}

    /** Golden streams and the stream part of the fuzz corpus. */
    static Stream<Arguments> ipcStreams() {
        return Stream.concat(
                        ArrowTestingData.files(ArrowTestingData.integration(), ".stream").stream(),
                        Stream.of("arrow-ipc-stream", "arrow-ipc-tensor-stream", "forward-compatibility")
                                .flatMap(d -> ArrowTestingData.files(ArrowTestingData.fuzz().resolve(d), "").stream()))
                .map(Seeds::raw)
                .flatMap(Stream::ofNullable);
    }

    /** Golden files and the file part of the fuzz corpus. */
    static Stream<Arguments> ipcFiles() {
        return Stream.concat(
                        ArrowTestingData.files(ArrowTestingData.integration(), ".arrow_file").stream(),
                        ArrowTestingData.files(ArrowTestingData.fuzz().resolve("arrow-ipc-file"), "").stream())
                .map(Seeds::raw)
                .flatMap(Stream::ofNullable);
    }

    /** The golden integration JSON documents, decompressed (fuzzing gzip would test gzip). */
    static Stream<Arguments> integrationJson() {
        return ArrowTestingData.files(ArrowTestingData.integration(), ".json.gz").stream()
                .map(path -> {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
                        return named(path, in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .flatMap(Stream::ofNullable);
    }

    /** True when Jazzer is fuzzing rather than running the seeds once (see {@code fuzz/run.sh}). */
    static boolean fuzzing() {
        String value = System.getenv("JAZZER_FUZZ");
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    private static Arguments raw(Path path) {
        try {
            return named(path, Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments named(Path path, byte[] bytes) {
        if (fuzzing() && bytes.length > FUZZING_MAX_BYTES) {
            return null;
        }
        Path root = ArrowTestingData.root();
        return Arguments.argumentSet(root.relativize(path).toString(), (Object) bytes);
    }
}
