package dev.lightstream.transport;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Runs test code on a virtual thread of its own (never the common pool, which a stuck task would starve). */
public final class Async {
    private Async() {}

    /** Code that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    public static CompletableFuture<Void> run(Body body) {
        return supply(() -> {
            body.run();
            return null;
        });
    }

    public static <T> CompletableFuture<T> supply(Callable<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread.ofVirtual().name("test-async").start(() -> {
            try {
                future.complete(body.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }
}
