package org.moodlesync.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.moodlesync.core.notify.MailNotifier;
import org.moodlesync.core.notify.MailSettings;
import picocli.CommandLine.Option;

/** E-mail notification options: a mail per run (or only on failure) and per notice, to the administrators. */
public final class MailArgs {

    @Option(names = "--mail-to", paramLabel = "ADDRESS", description = "mail run reports and notices to this address"
            + " (repeatable); nothing is mailed without it")
    List<String> to = new ArrayList<>();

    @Option(names = "--mail-host", paramLabel = "HOST", defaultValue = "localhost",
            description = "SMTP server (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--mail-port", paramLabel = "PORT", defaultValue = "25",
            description = "SMTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--mail-security", paramLabel = "MODE", defaultValue = "none",
            description = "none, starttls or ssl (default: ${DEFAULT-VALUE})")
    String security;

    @Option(names = "--mail-user", paramLabel = "USER", description = "SMTP user")
    String user;

    @Option(names = "--mail-password", paramLabel = "PASSWORD",
            description = "SMTP password (or set MOODLE_SYNC_MAIL_PASSWORD)")
    String password;

    @Option(names = "--mail-from", paramLabel = "ADDRESS", defaultValue = "moodle-sync@localhost",
            description = "sender (default: ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--mail-only-on-failure", description = "mail only runs that did not succeed (notices always)")
    boolean onlyOnFailure;

    @Option(names = "--site-name", paramLabel = "NAME", description = "site name shown in mail subjects")
    String siteName;

    /** The notifier, or null when no recipient was given. */
    MailNotifier notifier() {
        if (to.isEmpty()) {
            return null;
        }
        String pw = password != null ? password : System.getenv("MOODLE_SYNC_MAIL_PASSWORD");
        MailSettings s = MailSettings.smtp(host, port, from, to)
                .withSecurity(MailSettings.Security.valueOf(security.toUpperCase(Locale.ROOT)))
                .withOnlyOnFailure(onlyOnFailure)
                .withSiteName(siteName);
        if (user != null) {
            s = s.withLogin(user, pw);
        }
        return new MailNotifier(s);
    }
}
