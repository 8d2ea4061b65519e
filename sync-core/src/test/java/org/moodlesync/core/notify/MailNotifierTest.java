package org.moodlesync.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.testkit.FakeMoodle;
import org.moodlesync.core.SyncEngine;

/** Admin mails through a GreenMail SMTP server on 127.0.0.1. */
class MailNotifierTest {

    @TempDir
    Path dir;

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private MailSettings settings() {
        return MailSettings.smtp("127.0.0.1", smtp.getSmtp().getPort(), "moodle-sync@example.org",
                List.of("admin@example.org", "ops@example.org")).withSiteName("Campus");
    }

    private Path usersFile(String... lines) throws IOException {
        Path f = dir.resolve("userimport.csv");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aRunWithFailuresIsMailedWithItsFailuresAndNoSecret() throws Exception {
        Path f = usersFile("username;firstname;lastname;password", "jdoe;Jane;Doe;S3cret-pw", "bob;;Brown;Other-pw9");
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone())
                .listener(new MailNotifier(settings())).build();

        engine.users().from(f).execute();

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("[Campus] moodle-sync users userimport.csv: COMPLETED_WITH_ERRORS");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("read=2 created=1", "userimport.csv:3:2: [firstname]", "Tryback:")
                .doesNotContain("S3cret-pw", "Other-pw9");
        assertThat(java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString))
                .containsExactlyInAnyOrder("admin@example.org", "ops@example.org");
    }

    @Test
    void onlyOnFailureKeepsSuccessfulRunsQuietButNoticesAlwaysGo() throws Exception {
        Path f = usersFile("username;firstname;lastname", "jdoe;Jane;Doe");
        MailNotifier notifier = new MailNotifier(settings().withOnlyOnFailure(true));
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone()).listener(notifier).build();

        assertThat(engine.users().from(f).execute().succeeded()).isTrue();
        notifier.notice(SyncKind.USERS, "Too old write lock file /srv/sync/alock.txt");

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).as("one notice to two recipients").isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getSubject()).isEqualTo("[Campus] moodle-sync users: attention needed");
        assertThat(GreenMailUtil.getBody(mails[0])).contains("Too old write lock file");
    }

    @Test
    void aMailThatCannotBeSentNeverFailsTheRun() throws IOException {
        Path f = usersFile("username;firstname;lastname", "jdoe;Jane;Doe");
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        SyncEngine engine = SyncEngine.builder().moodle(FakeMoodle.creatingEveryone())
                .listener(new MailNotifier(MailSettings.smtp("127.0.0.1", port, "a@example.org",
                        List.of("b@example.org")))).build();

        assertThat(engine.users().from(f).execute().succeeded()).isTrue();
        smtp.start();
    }
}
