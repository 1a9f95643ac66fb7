package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Hadoop jar is on the class path: the Hadoop classes parquet-java names come from parquet-floor's
 * stubs, and the codecs from aircompressor-v3 and the JDK (no snappy-java, no zstd-jni).
 */
class NoHadoopTest {
    private static List<String> classPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    @Test
    void noHadoopArtifactIsOnTheClassPath() {
        List<String> entries = classPath();
        assertThat(entries).anyMatch(e -> e.contains("parquet-hadoop-1.18.1"));
        assertThat(entries).noneMatch(e -> e.replace('\\', '/').contains("/org/apache/hadoop/"));
        assertThat(entries).noneMatch(e -> e.contains("hadoop-common") || e.contains("hadoop-client")
                || e.contains("hadoop-mapreduce"));
        assertThat(entries).noneMatch(e -> e.contains("snappy-java") || e.contains("zstd-jni")
                || e.contains("commons-pool") || e.matches(".*aircompressor-[0-9].*"));
    }

    @Test
    void theHadoopClassesParquetNamesComeFromParquetFloor() throws Exception {
        for (String name : List.of("org.apache.hadoop.conf.Configuration", "org.apache.hadoop.fs.Path")) {
            Class<?> stub = Class.forName(name);
            String jar = stub.getProtectionDomain().getCodeSource().getLocation().toString();
            assertThat(jar).as(name).contains("parquet-floor-2.3");
        }
    }
}
