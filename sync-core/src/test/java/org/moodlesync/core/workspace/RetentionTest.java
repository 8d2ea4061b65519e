package org.moodlesync.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.SyncEngine;

/** Retention of archives, reports and tryback files: by age and by count per input. */
class RetentionTest {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path file(String relative, int daysOld) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
        Files.setLastModifiedTime(p, FileTime.from(NOW.minus(Duration.ofDays(daysOld))));
        return p;
    }

    private String[] remaining() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
                    .toArray(String[]::new);
        }
    }

    @Test
    void oldFilesGoByAgeAndCountPerInput() throws IOException {
        file("reports/20240601-1000_report_userimport.csv", 0);
        file("reports/20240531-1000_report_userimport.csv", 1);
        file("reports/20240530-1000_report_userimport.csv", 2);
        file("reports/20240401-1000_report_enrols.csv", 61);
        file("reports/20240530-1000_report_enrols.csv", 2);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThat(new Retention(30, 2).apply(dir.resolve("reports"), p -> true,
                p -> p.getFileName().toString().substring(14), clock))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("20240530-1000_report_userimport.csv", "20240401-1000_report_enrols.csv");
        assertThat(Retention.FOREVER.apply(dir.resolve("reports"), p -> true, p -> "", clock)).isEmpty();
    }

    @Test
    void theRunnerAppliesItToArchivesReportsAndTrybackFiles() throws IOException {
        Instant now = Instant.now();
        Path ws = dir;
        for (int day = 0; day < 5; day++) {
            String stamp = "2024060" + (5 - day) + "-1000";
            for (String f : new String[]{"archives/" + stamp + "_userimport.csv",
                    "reports/" + stamp + "_report_userimport.csv", "reports/" + stamp + "_report_userimport.csv.json",
                    "userimport_tryback_" + stamp + ".csv"}) {
                Path p = ws.resolve(f);
                Files.createDirectories(p.getParent());
                Files.writeString(p, f);
                Files.setLastModifiedTime(p, FileTime.from(now.minus(Duration.ofDays(day))));
            }
        }
        Files.writeString(ws.resolve("userimport-tryback-failed.csv"), "kept for the administrator");
        Files.writeString(ws.resolve("enrols.csv"), "an input is never removed by retention");
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).build();
        WorkspaceRunner runner = WorkspaceRunner.builder(engine, Workspace.at(ws))
                .options(WorkspaceOptions.defaults().withRetention(new Retention(3, 2))).build();

        runner.run(SyncKind.USERS);

        assertThat(remaining()).containsExactly(
                "archives/20240604-1000_userimport.csv",
                "archives/20240605-1000_userimport.csv",
                "enrols.csv",
                "reports/20240604-1000_report_userimport.csv",
                "reports/20240604-1000_report_userimport.csv.json",
                "reports/20240605-1000_report_userimport.csv",
                "reports/20240605-1000_report_userimport.csv.json",
                "userimport-tryback-failed.csv",
                "userimport_tryback_20240604-1000.csv",
                "userimport_tryback_20240605-1000.csv");
    }
}
