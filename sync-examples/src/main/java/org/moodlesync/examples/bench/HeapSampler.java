package org.moodlesync.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.spi.SyncListener;

/** Samples the heap in use after a full GC every N lines of a run (for the streaming benchmark). */
final class HeapSampler implements SyncListener {

    private final long every;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<Long> samples = new ArrayList<>();
    private long lines;

    HeapSampler(long every) {
        this.every = every;
    }

    @Override
    public void lineDone(LineResult line) {
        if (++lines % every == 0) {
            System.gc();
            samples.add(memory.getHeapMemoryUsage().getUsed() >> 20);
        }
    }

    /** The samples taken since the last call, as text, then forgets them. */
    String samplesAndReset() {
        String s = samples.isEmpty() ? "-" : samples.toString();
        samples.clear();
        lines = 0;
        return s;
    }
}
