package org.moodlesync.core.internal.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a source on a thread of its own, ahead of the one that consumes it: while the writer writes a chunk, the
 * next lines are read, mapped and validated. Order is kept, and memory stays bounded: at most {@code capacity}
 * items wait (passed over in small batches, so the two threads rarely meet).
 *
 * <p>Only the reading thread touches the source until the source is exhausted or {@link #stop()} returns; after
 * that the consumer may read what is left of it (for the tryback file of a stopped run). A failure of the source
 * is thrown to the consumer when it reaches the item where it happened. The reading thread is never interrupted
 * (an interrupt would close a file channel under it): it stops between two items.
 *
 * @param <T> the items
 */
final class ReadAhead<T> implements Iterator<T> {

    private static final int BATCH = 64;
    private static final Object END = new Object();
    private static final Object INTERRUPT = new Object();

    private final Iterator<T> source;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private volatile boolean stopped;
    private boolean interruptPending; // the reading thread's own
    private List<T> leftover = List.of();
    private final ArrayDeque<T> current = new ArrayDeque<>();
    private boolean ended;
    private RuntimeException failure;

    private ReadAhead(Iterator<T> source, int capacity, String name) {
        this.source = source;
        this.queue = new ArrayBlockingQueue<>(Math.max(2, capacity / BATCH));
        this.reader = new Thread(this::read, name);
        this.reader.setDaemon(true);
    }

    /**
     * Starts reading {@code source} ahead.
     *
     * @param capacity about how many items may wait (a chunk or two)
     * @param name     the reading thread's name
     */
    static <T> ReadAhead<T> start(Iterator<T> source, int capacity, String name) {
        ReadAhead<T> ahead = new ReadAhead<>(source, capacity, name);
        ahead.reader.start();
        return ahead;
    }

    private void read() {
        List<T> batch = new ArrayList<>(BATCH);
        try {
            while (!stopped && source.hasNext()) {
                T item = source.next();
                if (Thread.interrupted() || interruptPending) {
                    // an interrupt of the reading thread stops the run as one of the caller's would: the
                    // consumer is interrupted before it gets the line being read when it came
                    interruptPending = false;
                    if (!batch.isEmpty() && !hand(batch)) {
                        break;
                    }
                    batch = new ArrayList<>(BATCH);
                    if (!hand(INTERRUPT)) {
                        break;
                    }
                }
                batch.add(item);
                if (batch.size() == BATCH && !hand(batch)) {
                    break;
                }
                if (batch.size() == BATCH) {
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (stopped) {
                leftover = batch;
                return;
            }
            if (!batch.isEmpty() && !hand(batch)) {
                leftover = batch;
                return;
            }
            hand(END);
        } catch (RuntimeException | Error e) {
            if (!batch.isEmpty() && !hand(batch)) {
                leftover = batch;
                return;
            }
            hand(e);
        }
    }

    /** Puts a batch (or the end, or a failure) in the queue; false when stopped before it could. */
    private boolean hand(Object item) {
        while (true) {
            try {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                interruptPending = true; // passed on with the next item
            }
            if (stopped) {
                return false;
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (current.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return false;
            }
            accept(take());
        }
        return true;
    }

    /**
     * The next thing from the reading thread. An interrupt does not end the wait (the reader is never far behind);
     * it is kept on the thread for the run loop, which stops at its next line boundary as it always does.
     */
    private Object take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Object next = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        return next;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void accept(Object next) {
        if (next == INTERRUPT) {
            Thread.currentThread().interrupt();
        } else if (next == END) {
            ended = true;
        } else if (next instanceof RuntimeException e) {
            failure = e;
        } else if (next instanceof Error e) {
            throw e;
        } else {
            current.addAll((List<T>) next);
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.poll();
    }

    /**
     * Stops reading ahead and waits for the reading thread to end. Returns, in order, the items read but not
     * consumed; the source is then the consumer's again. Idempotent.
     */
    List<T> stop() {
        stopped = true;
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the source must not be shared
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<T> unread = new ArrayList<>(current);
        current.clear();
        Object next;
        while ((next = queue.poll()) != null) {
            if (next instanceof List<?> batch) {
                @SuppressWarnings("unchecked")
                List<T> items = (List<T>) batch;
                unread.addAll(items);
            }
        }
        unread.addAll(leftover);
        leftover = List.of();
        ended = true;
        return unread;
    }
}
