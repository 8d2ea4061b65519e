package org.moodlesync.core.notify;

import java.util.List;
import java.util.Properties;
import org.moodlesync.api.SyncKind;
import org.moodlesync.api.result.LineResult;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.api.spi.SyncListener;
import org.moodlesync.core.internal.notify.JakartaMail;
import org.moodlesync.api.OptionalDependency;
import org.moodlesync.core.workspace.RunMarker;

/**
 * Mails the administrators, as tool_sync's admin mails did: one mail per run when it ends (or only for runs that
 * did not succeed), and one per {@linkplain SyncListener#notice notice} (stale lock files, refused runs, crashed runs
 * recovered, files set aside). A mail says the kind, file, status, counts, the first failures
 * ({@code file:line:column: reason}, never a line's raw text) and where the report and tryback files are.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder()
 *         .moodle(moodle)
 *         .listener(new MailNotifier(MailSettings.smtp("smtp.example.org", 25, "moodle-sync@example.org",
 *                 List.of("admin@example.org")).withOnlyOnFailure(true)))
 *         .build();
 * }</pre>
 *
 * Sends with Jakarta Mail (Eclipse Angus), on the run's thread, with 20-second timeouts; a mail that cannot be sent is
 * logged and never fails the run. Needs {@code org.eclipse.angus:angus-mail} on the class path (an optional
 * dependency of sync-core).
 */
public final class MailNotifier implements SyncListener {

    /** Failures listed in a mail; the report has them all. */
    public static final int MAX_FAILURES_LISTED = 20;

    private final MailSettings settings;
    /** Jakarta Mail is only touched through this field: the class loads without angus-mail. */
    private final JakartaMail mail;

    public MailNotifier(MailSettings settings) {
        OptionalDependency.require("jakarta.mail.Session", "org.eclipse.angus:angus-mail", "MailNotifier");
        this.settings = settings;
        Properties p = new Properties();
        String proto = settings.security() == MailSettings.Security.SSL ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", proto);
        p.setProperty("mail." + proto + ".host", settings.host());
        p.setProperty("mail." + proto + ".port", Integer.toString(settings.port()));
        p.setProperty("mail." + proto + ".connectiontimeout", "20000");
        p.setProperty("mail." + proto + ".timeout", "20000");
        p.setProperty("mail." + proto + ".writetimeout", "20000");
        p.setProperty("mail." + proto + ".auth", Boolean.toString(settings.username() != null));
        if (settings.security() == MailSettings.Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        this.mail = new JakartaMail(p, settings.username(), settings.password(), settings.from(), settings.to(),
                settings.toString());
    }

    @Override
    public void runFinished(RunResult result) {
        if (settings.onlyOnFailure() && result.succeeded()) {
            return;
        }
        send(subject(result.kind().cliName() + " " + result.source() + ": " + result.status()
                + (result.dryRun() ? " (dry run)" : "")), body(result));
    }

    @Override
    public void notice(SyncKind kind, String message) {
        send(subject((kind == null ? "" : kind.cliName() + ": ") + "attention needed"),
                message + "\n\nHost: " + RunMarker.hostName() + "\n");
    }

    private String subject(String text) {
        String site = settings.siteName() == null || settings.siteName().isBlank() ? "" : "[" + settings.siteName()
                + "] ";
        return site + "moodle-sync " + text;
    }

    /** The text of a run's mail (no secret: failures are described by location and reason only). */
    public static String body(RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Kind:     ").append(r.kind().cliName()).append('\n');
        sb.append("File:     ").append(r.source()).append('\n');
        sb.append("Status:   ").append(r.status()).append(r.dryRun() ? " (dry run: nothing written)" : "")
                .append('\n');
        sb.append("Lines:    ").append(r.counts()).append('\n');
        sb.append("Started:  ").append(r.started()).append(", took ").append(r.duration().toMillis())
                .append(" ms\n");
        sb.append("Host:     ").append(RunMarker.hostName()).append('\n');
        if (r.error() != null) {
            sb.append("Error:    ").append(r.error()).append('\n');
        }
        List<LineResult> failures = r.failures();
        if (!failures.isEmpty()) {
            sb.append("\nFailed lines");
            if (failures.size() > MAX_FAILURES_LISTED || r.counts().failed() > failures.size()) {
                sb.append(" (first ").append(Math.min(MAX_FAILURES_LISTED, failures.size())).append(" of ")
                        .append(r.counts().failed()).append(')');
            }
            sb.append(":\n");
            failures.stream().limit(MAX_FAILURES_LISTED).forEach(f -> sb.append("  ").append(f.error())
                    .append('\n'));
        } else if (r.counts().failed() > 0) {
            sb.append("\n").append(r.counts().failed()).append(" lines failed: see the report.\n");
        }
        r.notices().forEach(n -> sb.append("Notice:   ").append(n).append('\n'));
        if (r.reportFile() != null) {
            sb.append("\nReport:   ").append(r.reportFile()).append('\n');
        }
        if (r.trybackFile() != null) {
            sb.append("Tryback:  ").append(r.trybackFile()).append(" (the failed lines, to fix and run again)\n");
        }
        return sb.toString();
    }

    private void send(String subject, String body) {
        mail.send(subject, body);
    }
}
