package org.moodlesync.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code moodle-sync run … --json FILE|-}: the run's result in the JSON report's schema. */
class RunJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void installAMoodle() {
        url = Cli.newH2Url();
        Cli.Run install = Cli.run("install", "--db-url", url, "--db-user", "sa");
        assertThat(install.exit()).as(install.toString()).isZero();
    }

    @AfterEach
    void dropIt() {
        Cli.shutdownH2(url);
    }

    private Path usersFile() throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, String.join("\n", "username;firstname;lastname;idnumber;email;password",
                "jdoe;Jane;Doe;E001;jane@example.org;Pw#1secret",
                "bsmith;Bob;Smith;E002;not-an-email;Pw#2secret") + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private Cli.Run run(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "users", file.toString(), "--db-url", url,
                "--db-user", "sa", "--report-dir", dir.resolve("reports").toString(),
                "--tryback-dir", dir.resolve("trybacks").toString()));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    @Test
    void jsonOnStandardOutputIsTheOnlyThingThereAndHoldsCountsAndLines() throws IOException {
        Cli.Run r = run(usersFile(), "--json", "-");

        assertThat(r.exit()).as(r.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        JsonNode json = JSON.readTree(r.out()); // the whole of stdout parses: nothing else was printed there
        assertThat(json.get("tool").asText()).isEqualTo("moodle-sync");
        assertThat(json.get("kind").asText()).isEqualTo("users");
        assertThat(json.get("source").asText()).isEqualTo("userimport.csv");
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(json.get("counts").get("read").asLong()).isEqualTo(2);
        assertThat(json.get("counts").get("created").asLong()).isEqualTo(1);
        assertThat(json.get("counts").get("failed").asLong()).isEqualTo(1);
        JsonNode lines = json.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(0).get("outcome").asText()).isEqualTo("CREATED");
        assertThat(lines.get(0).get("entity").asText()).isEqualTo("user jdoe");
        assertThat(lines.get(1).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(lines.get(1).get("error").get("field").asText()).isEqualTo("email");
        assertThat(r.out()).doesNotContain("Pw#1secret").doesNotContain("Pw#2secret");
        // the human summary went to standard error
        assertThat(r.err()).contains("users userimport.csv: COMPLETED_WITH_ERRORS");
    }

    @Test
    void jsonToAFileIsWrittenThereForItsOwnerOnlyAndTheSummaryStaysOnStandardOutput() throws IOException {
        Path out = dir.resolve("results").resolve("out.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "old content");

        Cli.Run r = run(usersFile(), "--json", out.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(r.out()).contains("users userimport.csv: COMPLETED_WITH_ERRORS");
        JsonNode json = JSON.readTree(out.toFile());
        assertThat(json.get("counts").get("created").asLong()).isEqualTo(1);
        assertThat(json.get("lines")).hasSize(2);
        assertThat(json.get("reportFile").asText()).contains("report");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    }

    @Test
    void aRunRefusedForItsHeaderStillWritesItsJsonWithTheReason() throws IOException {
        Path file = dir.resolve("userimport.csv");
        Files.writeString(file, "username;nosuchcolumn\njdoe;x\n", StandardCharsets.UTF_8);

        Cli.Run r = run(file, "--json", "-");

        assertThat(r.exit()).as(r.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("error").asText()).contains("nosuchcolumn");
        assertThat(json.get("lines")).isEmpty();
    }

    @Test
    void quietPrintsNothingButTheJsonAndAFatalErrorStillReachesStandardError() throws IOException {
        Cli.Run fine = run(usersFile(), "--quiet");
        assertThat(fine.exit()).as(fine.toString()).isEqualTo(MoodleSyncCommand.LINES_FAILED);
        assertThat(fine.out()).as(fine.toString()).isEmpty();
        assertThat(fine.err()).as(fine.toString()).isEmpty();

        Cli.Run json = run(usersFile(), "--quiet", "--json", "-");
        assertThat(JSON.readTree(json.out()).get("counts").get("read").asLong()).isEqualTo(2);
        assertThat(json.err()).as(json.toString()).isEmpty(); // no summary on standard error either

        Path refused = dir.resolve("bad").resolve("userimport.csv");
        Files.createDirectories(refused.getParent());
        Files.writeString(refused, "username;nosuchcolumn\njdoe;x\n", StandardCharsets.UTF_8);
        Cli.Run failed = run(refused, "--quiet");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(MoodleSyncCommand.FATAL);
        assertThat(failed.out()).as(failed.toString()).isEmpty();
        assertThat(failed.errLines()).as(failed.toString()).hasSize(1);
        assertThat(failed.err()).contains("moodle-sync: ").contains("nosuchcolumn");
    }
}
