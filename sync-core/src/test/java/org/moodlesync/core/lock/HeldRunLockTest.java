package org.moodlesync.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.lock.RunLock;
import org.moodlesync.api.lock.RunLockedException;
import org.moodlesync.api.lock.RunLocks;

class HeldRunLockTest {

    @Test
    void aHeldLockIsReleasedOnItsFirstCloseOnly() {
        List<String> released = new ArrayList<>();
        RunLock lock = RunLock.held("moodle-sync:users", () -> released.add("users"));

        lock.close();
        lock.close();

        assertThat(lock.name()).isEqualTo("moodle-sync:users");
        assertThat(released).containsExactly("users");
    }

    @Test
    void bothLocksAreReleasedInTheReverseOrderOnce() {
        List<String> released = new ArrayList<>();
        RunLocks first = name -> RunLock.held(name, () -> released.add("first"));
        RunLocks second = name -> RunLock.held(name, () -> released.add("second"));

        RunLock lock = RunLocks.both(first, second).acquire("moodle-sync:courses");
        lock.close();
        lock.close();

        assertThat(released).containsExactly("second", "first");
    }

    @Test
    void theInProcessLockIsFreeAgainAfterItsRelease() {
        RunLocks locks = RunLocks.inProcess();
        RunLock lock = locks.acquire("moodle-sync:users");
        assertThatThrownBy(() -> locks.acquire("moodle-sync:users")).isInstanceOf(RunLockedException.class);

        lock.close();

        try (RunLock again = locks.acquire("moodle-sync:users")) {
            assertThat(again.name()).isEqualTo("moodle-sync:users");
        }
    }
}
