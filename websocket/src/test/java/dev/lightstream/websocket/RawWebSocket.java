package dev.lightstream.websocket;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * A WebSocket peer written by hand against RFC 6455 on plain sockets, for what our own client and
 * server never do: frames cut at any byte, text frames, a TCP connection dropped without a close
 * frame. Tests only; no extensions, no fragmentation of control frames.
 */
final class RawWebSocket implements Closeable {
    static final int BINARY = 2;
    static final int TEXT = 1;
    static final int CLOSE = 8;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean client;
    private final Random random = new Random(1);

    private RawWebSocket(Socket socket, boolean client) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.client = client;
    }

    /** Connects and upgrades {@code path}; fails unless the server answers 101. */
    static RawWebSocket connect(InetSocketAddress address, String path) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("raw-websocket-key".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        if (!head.startsWith("HTTP/1.1 101") || !head.contains(accept(key))) {
            socket.close();
            throw new IOException("no upgrade: " + head);
        }
        return new RawWebSocket(socket, true);
    }

    /** Accepts one connection on {@code server} and answers its upgrade. */
    static RawWebSocket accept(ServerSocket server) throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(30_000);
        String head = readHead(socket.getInputStream());
        String key = null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).strip();
            }
        }
        if (key == null) {
            socket.close();
            throw new IOException("not an upgrade: " + head);
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
        socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
        return new RawWebSocket(socket, false);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the HTTP head ended early: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one final frame (masked from a client, as the RFC requires). */
    void send(int opcode, byte[] payload, int offset, int length) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 14);
        frame.write(0x80 | opcode);
        int maskBit = client ? 0x80 : 0;
        if (length < 126) {
            frame.write(maskBit | length);
        } else if (length < 65536) {
            frame.write(maskBit | 126);
            frame.write(length >>> 8);
            frame.write(length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        if (client) {
            random.nextBytes(mask);
            frame.write(mask, 0, 4);
        }
        for (int i = 0; i < length; i++) {
            frame.write(payload[offset + i] ^ (client ? mask[i & 3] : 0));
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame's opcode and payload, or null at the end of the TCP stream. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[4];
            in.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame(b0 & 0x0f, payload);
    }

    record Frame(int opcode, byte[] payload) {}

    /** Drops the TCP connection with a reset: no close frame, no FIN. */
    void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
