package dev.lightstream.websocket;

import java.io.IOException;

/**
 * The peer closed the WebSocket with a status other than a normal closure (1000, 1001): what it sent
 * before is read first, then reads throw this.
 *
 * {@snippet :
 * try {
 *     batch = reader.next();
 * } catch (WebSocketClosedException e) {
 *     log("peer closed with " + e.code() + ": " + e.reason());
 * }
 * }
 */
public class WebSocketClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    /** An exception for close status {@code code} with the peer's {@code reason} (may be empty). */
    public WebSocketClosedException(int code, String reason) {
        super("the peer closed the WebSocket with status " + code + (reason == null || reason.isEmpty() ? ""
                : " (" + reason + ")"));
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** The close status code (RFC 6455, section 7.4). */
    public int code() {
        return code;
    }

    /** The peer's reason, or an empty string. */
    public String reason() {
        return reason;
    }
}
