package dev.lightstream.quic.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;
import java.net.InetSocketAddress;

/**
 * A token handler that never asks clients to retry: no address validation round trip. Address
 * validation protects a public server from spoofed floods; servers here listen where their clients
 * are known (docs/transports.md says so).
 */
final class NoRetryTokens implements QuicTokenHandler {
    static final NoRetryTokens INSTANCE = new NoRetryTokens();

    private NoRetryTokens() {}

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        return false;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        return -1;
    }

    @Override
    public int maxTokenLength() {
        return 0;
    }
}
