package org.moodlesync.api.lock;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RunLocks#inProcess()}: a map of held names; the holder is described by thread and start time. */
final class InProcessRunLocks implements RunLocks {

    private final Map<String, String> held = new ConcurrentHashMap<>();

    @Override
    public RunLock acquire(String name) {
        String me = "thread " + Thread.currentThread().getName() + " since " + Instant.now();
        String holder = held.putIfAbsent(name, me);
        if (holder != null) {
            throw new RunLockedException(name, holder);
        }
        return RunLock.held(name, () -> held.remove(name, me));
    }

    @Override
    public String toString() {
        return "in-process run locks";
    }
}
