package dev.lightstream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.codec.tlv.TlvEncoder;
import dev.lightstream.codec.tlv.TlvFrame;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramedWriterTest {

    @Test
    void oneGatheringWritePerFrame() throws IOException {
        RecordingGatheringChannel channel = new RecordingGatheringChannel(Integer.MAX_VALUE);
        FramedWriter<TlvFrame> writer = new FramedWriter<>(channel, new TlvEncoder());
        writer.write(TlvFrame.of(7, new byte[] {1, 2, 3}));
        assertThat(channel.writeCalls).isEqualTo(1);
        assertThat(channel.maxBuffersPerCall).as("header and value, not concatenated").isEqualTo(2);
        assertThat(HexFormat.of().formatHex(channel.bytes.toByteArray())).isEqualTo("0703000000" + "010203");
        assertThat(writer.bytesWritten()).isEqualTo(8);
    }

    @Test
    void aBatchGoesOutInOneWrite() throws IOException {
        RecordingGatheringChannel channel = new RecordingGatheringChannel(Integer.MAX_VALUE);
        FramedWriter<TlvFrame> writer = new FramedWriter<>(channel, new TlvEncoder());
        writer.append(TlvFrame.of(1, new byte[] {9}));
        writer.append(TlvFrame.empty(255));
        assertThat(channel.writeCalls).isZero();
        assertThat(writer.pendingBuffers()).isEqualTo(3);
        writer.writeAll(List.of(TlvFrame.of(0, new byte[] {8, 8})));
        assertThat(channel.writeCalls).isEqualTo(1);
        assertThat(HexFormat.of().formatHex(channel.bytes.toByteArray()))
                .isEqualTo("0101000000" + "09" + "ff00000000" + "0002000000" + "0808");
        assertThat(writer.pendingBuffers()).isZero();
        writer.flush();
        assertThat(channel.writeCalls).as("nothing queued, nothing written").isEqualTo(1);
    }

    @Test
    void partialWritesAreCompleted() throws IOException {
        RecordingGatheringChannel channel = new RecordingGatheringChannel(3);
        FramedWriter<TlvFrame> writer = new FramedWriter<>(channel, new TlvEncoder());
        byte[] value = new byte[100];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        writer.write(TlvFrame.of(2, value));
        writer.write(TlvFrame.of(3, new byte[] {42}));
        byte[] written = channel.bytes.toByteArray();
        assertThat(written).hasSize(5 + 100 + 5 + 1);
        assertThat(java.util.Arrays.copyOfRange(written, 5, 105)).isEqualTo(value);
        assertThat(written[110]).isEqualTo((byte) 42);
    }

    @Test
    void aFailedWriteMakesTheWriterUnusable() throws IOException {
        RecordingGatheringChannel channel = new RecordingGatheringChannel(4);
        channel.failAfter(1);
        FramedWriter<TlvFrame> writer = new FramedWriter<>(channel, new TlvEncoder());
        assertThatThrownBy(() -> writer.write(TlvFrame.of(1, new byte[10]))).hasMessage("broken pipe (test)");
        assertThatThrownBy(() -> writer.write(TlvFrame.of(1, new byte[1])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("an earlier write failed");
    }

    @Test
    void anUnencodableFrameLeavesNothingQueued() throws IOException {
        RecordingGatheringChannel channel = new RecordingGatheringChannel(Integer.MAX_VALUE);
        FramedWriter<TlvFrame> writer = new FramedWriter<>(channel, new TlvEncoder(4));
        writer.append(TlvFrame.of(1, new byte[] {1}));
        assertThatThrownBy(() -> writer.append(TlvFrame.of(2, new byte[5])))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessage("TLV value (type=2) of 5 bytes exceeds the maximum of 4 bytes");
        writer.flush();
        assertThat(HexFormat.of().formatHex(channel.bytes.toByteArray())).isEqualTo("010100000001");
    }

    @Test
    void refusesNonBlockingChannels() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            sink.configureBlocking(false);
            source.configureBlocking(false);
            assertThatThrownBy(() -> new FramedWriter<>(sink, new TlvEncoder()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FramedReader<>(source, new dev.lightstream.codec.tlv.TlvDecoder(
                    dev.lightstream.memory.BufferAllocator.create(), 1))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
