package org.moodlesync.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.moodlesync.api.spi.WriterKind;

/** The jOOQ backend registers a writer for every kind of writer of the SPI. */
class JooqMoodleWritersTest {

    @Test
    void everyWriterKindHasAJooqWriter() {
        assertThat(JooqMoodle.writerKinds()).containsExactlyInAnyOrderElementsOf(WriterKind.all());
    }
}
