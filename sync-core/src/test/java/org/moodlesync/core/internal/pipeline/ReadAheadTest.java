package org.moodlesync.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    @Test
    void givesEveryItemInOrder() {
        List<Integer> source = IntStream.range(0, 10_000).boxed().toList();
        ReadAhead<Integer> ahead = ReadAhead.start(source.iterator(), 500, "test");
        List<Integer> read = new ArrayList<>();
        ahead.forEachRemaining(read::add);
        assertThat(read).isEqualTo(source);
        assertThat(ahead.stop()).isEmpty();
    }

    @Test
    void readsOnlyABoundedNumberAheadOfTheConsumer() throws InterruptedException {
        AtomicInteger produced = new AtomicInteger();
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return produced.getAndIncrement();
            }
        };
        ReadAhead<Integer> ahead = ReadAhead.start(endless, 1_000, "test");
        assertThat(ahead.next()).isZero();
        Thread.sleep(300);
        // the queue holds capacity/64 batches, plus the batch taken by the consumer and the one being filled
        assertThat(produced.get()).isLessThanOrEqualTo(1_000 + 3 * 64);
        List<Integer> unread = ahead.stop();
        assertThat(unread).first().isEqualTo(1);
        assertThat(unread).hasSize(produced.get() - 1);
        assertThat(unread).isSorted();
    }

    @Test
    void stopGivesBackTheItemsReadButNotConsumedThenTheSourceIsTheConsumers() {
        Iterator<Integer> source = IntStream.range(0, 1_000).boxed().iterator();
        ReadAhead<Integer> ahead = ReadAhead.start(source, 128, "test");
        List<Integer> consumed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            consumed.add(ahead.next());
        }
        List<Integer> all = new ArrayList<>(consumed);
        all.addAll(ahead.stop());
        source.forEachRemaining(all::add);
        assertThat(all).isEqualTo(IntStream.range(0, 1_000).boxed().toList());
        assertThat(ahead.hasNext()).isFalse();
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerWhereItHappened() {
        Iterator<Integer> failing = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 100) {
                    throw new IllegalStateException("disk gone");
                }
                return i++;
            }
        };
        ReadAhead<Integer> ahead = ReadAhead.start(failing, 500, "test");
        for (int i = 0; i < 100; i++) {
            assertThat(ahead.next()).isEqualTo(i);
        }
        assertThatThrownBy(ahead::hasNext).isInstanceOf(IllegalStateException.class).hasMessage("disk gone");
        assertThat(ahead.stop()).isEmpty();
    }
}
