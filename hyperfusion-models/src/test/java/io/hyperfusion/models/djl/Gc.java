package io.hyperfusion.models.djl;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A daemon thread that requests garbage collections back to back until closed, to shake out use-after-free. */
public final class Gc implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong collections = new AtomicLong();
    private final Thread thread;

    private Gc() {
        thread = new Thread(() -> {
            while (running.get()) {
                System.gc();
                collections.incrementAndGet();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-hammer");
        thread.setDaemon(true);
    }

    /** Starts collecting. */
    public static Gc hammer() {
        Gc gc = new Gc();
        gc.thread.start();
        return gc;
    }

    /** Collections requested so far. */
    public long collections() {
        return collections.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
