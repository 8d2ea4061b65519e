package org.moodlesync.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.core.testkit.SyncAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.core.testkit.CommandFiles;
import org.moodlesync.jooq.testkit.TestMoodle;
import org.moodlesync.jooq.testkit.WithEmbeddedMoodle;

/** The example of docs/test-kit.md, as it is there (keep the two in step). */
@WithEmbeddedMoodle
class MetaCoursesTest {

    @TempDir
    Path dir;

    @Test
    void linksTheMetaCourse(TestMoodle moodle) throws IOException {
        moodle.createCourse("C101");
        moodle.createCourse("C103");
        moodle.enablePlugin("enrol_meta");               // as the site's administrator did
        SyncEngine engine = SyncEngine.builder().moodle(moodle.backend()).build();

        RunResult run = engine.courseMetas()
                .from(CommandFiles.write(dir, "metacourses.csv", "master;meta;cmd", "C101;C103;add"))
                .noOutputFiles()
                .execute();

        assertThat(run).succeeded().hasCreated(1);
        assertThat(run).line(2).isCreated().changed("meta link", "C101 -> C103");
        assertThat(moodle.count("enrol")).isEqualTo(7);   // manual, guest, self in each course, and the link
    }
}
