package dev.lightstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class InFlightLimiterTest {

    /** Waits until {@code n} threads wait in the limiter (it has no other observable state for this). */
    private static void awaitWaiters(InFlightLimiter limiter, int n) {
        while (limiter.waiting() < n) {
            Thread.onSpinWait();
        }
    }

    @Test
    void acquireBlocksUntilTheBytesFit() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(100);
        limiter.acquire(70);
        CompletableFuture<Void> second = Async.run(() -> limiter.acquire(40));
        awaitWaiters(limiter, 1);
        assertThat(second).isNotDone();
        assertThat(limiter.inFlight()).isEqualTo(70);
        limiter.release(20); // 50 in flight: 40 more fit
        second.get();
        assertThat(limiter.inFlight()).isEqualTo(90);
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(100);
        limiter.acquire(100);
        List<Integer> order = new CopyOnWriteArrayList<>();
        Thread big = Thread.ofVirtual().start(() -> acquire(limiter, 90, order, 1));
        awaitWaiters(limiter, 1);
        Thread small = Thread.ofVirtual().start(() -> acquire(limiter, 20, order, 2));
        awaitWaiters(limiter, 2);
        limiter.release(50); // 20 would fit, but the big one came first
        assertThat(limiter.tryAcquire(1)).as("no barging past waiters").isFalse();
        assertThat(order).isEmpty();
        limiter.release(50);
        big.join();
        assertThat(order).containsExactly(1);
        limiter.release(90);
        small.join();
        assertThat(order).containsExactly(1, 2);
        assertThat(limiter.inFlight()).isEqualTo(20);
    }

    private static void acquire(InFlightLimiter limiter, long bytes, List<Integer> order, int id) {
        try {
            limiter.acquire(bytes);
            order.add(id);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void interruptionTakesNothingAndLetsOthersIn() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(10);
        limiter.acquire(10);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                limiter.acquire(8);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        awaitWaiters(limiter, 1);
        CompletableFuture<Void> behind = Async.run(() -> limiter.acquire(2));
        awaitWaiters(limiter, 2);
        limiter.release(2); // 2 would fit the second waiter, which is behind the first
        assertThat(behind).isNotDone();
        waiter.interrupt();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        behind.get(); // the interrupted head left; the next one fits and gets in
        assertThat(limiter.inFlight()).isEqualTo(10);
    }

    @Test
    void closeWakesWaitersAndRefusesNewAcquisitions() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(10);
        limiter.acquire(10);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                limiter.acquire(1);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        awaitWaiters(limiter, 1);
        limiter.close();
        assertThat(outcome.get()).isInstanceOf(AsynchronousCloseException.class);
        assertThatThrownBy(() -> limiter.acquire(1)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> limiter.tryAcquire(1)).isInstanceOf(ClosedChannelException.class);
        limiter.release(10); // cleanup still counts
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.isClosed()).isTrue();
    }

    @Test
    void timedAcquireGivesUp() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(10);
        limiter.acquire(6);
        assertThat(limiter.tryAcquire(5, Duration.ofMillis(20))).isFalse();
        assertThat(limiter.waiting()).isZero();
        assertThat(limiter.tryAcquire(4, Duration.ofMillis(20))).isTrue();
        assertThat(limiter.inFlight()).isEqualTo(10);
    }

    @Test
    void rejectsMisuse() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(10);
        assertThatThrownBy(() -> limiter.acquire(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes=11 exceeds limit=10 and could never fit");
        assertThatThrownBy(() -> limiter.acquire(-1)).isInstanceOf(IllegalArgumentException.class);
        limiter.acquire(3);
        assertThatThrownBy(() -> limiter.release(4)).isInstanceOf(IllegalStateException.class)
                .hasMessage("release of bytes=4 exceeds inFlight=3");
        assertThatThrownBy(() -> new InFlightLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3})
    void neverMoreThanTheLimitInFlight(long seed) throws Exception {
        long limit = 1000;
        InFlightLimiter limiter = new InFlightLimiter(limit);
        AtomicLong held = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        int threads = 8;
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        long bytes = random.nextLong(limit + 1);
                        limiter.acquire(bytes);
                        worst.accumulateAndGet(held.addAndGet(bytes), Math::max);
                        held.addAndGet(-bytes);
                        limiter.release(bytes);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertThat(errors).as("seed=%d", seed).isEmpty();
        assertThat(worst.get()).as("seed=%d", seed).isLessThanOrEqualTo(limit);
        assertThat(limiter.inFlight()).isZero();
    }
}
