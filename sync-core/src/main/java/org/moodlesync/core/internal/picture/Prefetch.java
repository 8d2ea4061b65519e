package org.moodlesync.core.internal.picture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the work of the next few lines on worker threads while the caller writes the current ones, and hands the
 * results back in source order. The source is read on the caller's thread only (a zip stream or the host's
 * iterator need not be thread-safe); at most {@code ahead} lines are in flight, which bounds memory.
 *
 * @param <T> the result type
 */
final class Prefetch<T> implements Iterator<T> {

    private final Iterator<Callable<T>> source;
    private final ExecutorService workers;
    private final int ahead;
    private final Deque<Future<T>> inFlight = new ArrayDeque<>();

    /**
     * @param source  the work of each line, in order (read on the caller's thread)
     * @param workers the threads that do the work, or null to do it on the caller's thread
     * @param ahead   lines in flight at most
     */
    Prefetch(Iterator<Callable<T>> source, ExecutorService workers, int ahead) {
        this.source = source;
        this.workers = workers;
        this.ahead = Math.max(1, ahead);
    }

    @Override
    public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Future<T> head = inFlight.removeFirst();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting pictures", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Cancels what is still in flight. */
    void cancel() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
    }

    private void fill() {
        while (inFlight.size() < ahead && source.hasNext()) {
            Callable<T> work = source.next();
            if (workers == null) {
                inFlight.addLast(done(work));
            } else {
                inFlight.addLast(workers.submit(work));
            }
        }
    }

    private static <T> Future<T> done(Callable<T> work) {
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        try {
            f.complete(work.call());
        } catch (Exception e) {
            f.completeExceptionally(e);
        }
        return f;
    }
}
