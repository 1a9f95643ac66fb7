package dev.lightstream.webtransport.internal;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * kwik 0.10.8's request to send a stream's buffered bytes, reached by reflection, to repair a lost
 * one (docs/transports.md).
 *
 * <p>Why: kwik's stream output counts its queued send requests with a check-then-act
 * ({@code scheduleSendStreamFrameRequest}: read the count, queue a request, then increment). When
 * the sender thread runs the new request before the writer's increment, the sender sees a count
 * below zero after sending one frame and queues no follow-up although bytes remain: the bytes wait
 * for the next write. A writer blocked on a full buffer, or one that has closed its output, never
 * makes that write, and the stream stalls until the idle timeout. Asking again, now and then, sends
 * them. A write of nothing does the same while the output is open (it queues a request too), but not
 * once the output is closed, when the tail and the FIN are what waits.
 *
 * {@snippet :
 * Runnable sendRequest = KwikSendRequest.of(stream.getOutputStream()); // null if not reachable
 * if (sendRequest != null) sendRequest.run();                          // harmless when nothing waits
 * }
 *
 * <p>Found by name in flupke 0.9.4's stream wrapper and kwik 0.10.8's {@code StreamOutputStreamImpl};
 * with other versions, or where the package is not open to reflection (kwik as a named module), it
 * is not found and {@link StreamConnection} falls back to writes of nothing.
 */
final class KwikSendRequest {
    private static final String METHOD = "scheduleSendStreamFrameRequest";

    private KwikSendRequest() {}

    /** The request for {@code out}'s QUIC stream, or null if it cannot be reached. */
    static Runnable of(OutputStream out) {
        try {
            Object target = out;
            Method method = find(target.getClass());
            if (method == null) { // flupke's wrapper: the output of the QUIC stream it holds
                for (Field field : out.getClass().getDeclaredFields()) {
                    if (tech.kwik.core.QuicStream.class.isAssignableFrom(field.getType())) {
                        field.setAccessible(true);
                        target = ((tech.kwik.core.QuicStream) field.get(out)).getOutputStream();
                        method = find(target.getClass());
                        break;
                    }
                }
            }
            if (method == null) {
                return null;
            }
            method.setAccessible(true);
            Object stream = target;
            Method request = method;
            return () -> {
                try {
                    request.invoke(stream, true);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // the stream or its connection is gone: nothing waits to be sent
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // InaccessibleObjectException (a named kwik module), another layout
        }
    }

    private static Method find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(METHOD, boolean.class);
            } catch (NoSuchMethodException notHere) {
                // the superclass, then
            }
        }
        return null;
    }
}
