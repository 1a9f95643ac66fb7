package dev.lightstream.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizesRatesAndDurations() {
        assertThat(Units.count(5_000_000)).isEqualTo("5,000,000");
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(999)).isEqualTo("999 B");
        assertThat(Units.bytes(1500)).isEqualTo("1.50 kB");
        assertThat(Units.bytes(98_300_000)).isEqualTo("98.3 MB");
        assertThat(Units.bytes(412_000_000)).isEqualTo("412 MB");
        assertThat(Units.bytes(1_210_000_000)).isEqualTo("1.21 GB");
        assertThat(Units.perSecond(950)).isEqualTo("950");
        assertThat(Units.perSecond(4_560_000)).isEqualTo("4.56 M");
        assertThat(Units.bytesPerSecond(100_000_000, 500_000_000)).isEqualTo("200 MB/s");
        assertThat(Units.bytesPerSecond(1, 0)).isEqualTo("- B/s");
        assertThat(Units.seconds(612_000_000)).isEqualTo("0.612 s");
        assertThat(Units.seconds(12_340_000_000L)).isEqualTo("12.3 s");
        assertThat(Units.clock(7_900_000_000L)).isEqualTo("0:07");
        assertThat(Units.clock(3_723_000_000_000L)).isEqualTo("1:02:03");
    }
}
