package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDemoSynchronisesTheSampleFileTwiceAndPrintsTheReport() throws IOException {
        Cli.Run run = Cli.run("demo", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        String out = run.out();
        int second = out.indexOf("== Second run");
        assertThat(second).as(out).isPositive();
        String first = out.substring(0, second);
        assertThat(first).contains("line 3: CREATED user jdoe", "line 8: CREATED user fwong")
                .contains("line 6: FAILED - userimport.csv:6:5: [email]")
                .contains("line 7: FAILED - userimport.csv:7:1: [username]")
                .contains("line 9: FAILED user admin")
                .contains("read=7 created=4 updated=0 unchanged=0 deleted=0 skipped=0 failed=3");
        assertThat(out.substring(second))
                .contains("read=7 created=0 updated=0 unchanged=4 deleted=0 skipped=0 failed=3");
        assertThat(out).contains("now holds 6 users");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theDemoLeavesItsFilesInTheGivenDirectory() throws IOException {
        Cli.Run run = Cli.run("demo", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(dir.resolve("userimport.csv")).isRegularFile();
        List<Path> reports = list(dir.resolve("reports"));
        assertThat(reports).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).matches("\\d{8}-\\d{6}_report_userimport\\.csv"));
        List<Path> trybacks = list(dir).stream()
                .filter(p -> p.getFileName().toString().startsWith("userimport_tryback_")).toList();
        assertThat(trybacks).singleElement().satisfies(p -> assertThat(Files.readAllLines(p)).containsExactly(
                "username;idnumber;firstname;lastname;email;password;auth;city;country;lang;suspended",
                "dlee;E004;Dan;Lee;not-an-email;Pw#2secret;manual;;;;0",
                ";E005;Eve;Adams;eve@example.org;;manual;;;;0",
                "admin;E007;Not;Allowed;admin2@example.org;;manual;;;;0"));
    }

    @Test
    void theReportPrintedShowsNoPasswordOfALineThatSucceeded() {
        Cli.Run run = Cli.run("demo", "--dir", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).doesNotContain("Pw#1secret", "Pw#3secret").contains("password: ********");
    }

    @Test
    void theDemoCanRunTwiceInOneJvm() {
        assertThat(Cli.run("demo", "--dir", dir.resolve("a").toString()).exit()).isZero();
        Cli.Run again = Cli.run("demo", "--dir", dir.resolve("b").toString());
        assertThat(again.exit()).as("the first demo's embedded database is gone: " + again).isZero();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
