package org.moodlesync.core.notify;

import java.util.List;
import java.util.Objects;

/**
 * Where and to whom {@link MailNotifier} sends.
 *
 * @param host          SMTP server
 * @param port          SMTP port (25, 587 with STARTTLS, 465 with SSL)
 * @param username      SMTP user, or null for none
 * @param password      SMTP password, or null (never logged nor shown by {@link #toString()})
 * @param security      how the connection is protected
 * @param from          the sender address
 * @param to            the recipients (the site administrators)
 * @param onlyOnFailure send run mails only for runs that did not succeed (notices are always sent)
 * @param siteName      named in subjects ({@code [Moodle Site] moodle-sync users: COMPLETED_WITH_ERRORS})
 */
public record MailSettings(String host, int port, String username, String password, Security security, String from,
                           List<String> to, boolean onlyOnFailure, String siteName) {

    /** Transport security. */
    public enum Security {
        /** Plain SMTP (a local relay). */
        NONE,
        /** STARTTLS required (port 587). */
        STARTTLS,
        /** SMTP over TLS (port 465). */
        SSL
    }

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SMTP port " + port);
        }
    }

    /** Plain SMTP to a relay, every run reported. */
    public static MailSettings smtp(String host, int port, String from, List<String> to) {
        return new MailSettings(host, port, null, null, Security.NONE, from, to, false, null);
    }

    public MailSettings withLogin(String user, String pass) {
        return new MailSettings(host, port, user, pass, security, from, to, onlyOnFailure, siteName);
    }

    public MailSettings withSecurity(Security s) {
        return new MailSettings(host, port, username, password, s, from, to, onlyOnFailure, siteName);
    }

    public MailSettings withOnlyOnFailure(boolean on) {
        return new MailSettings(host, port, username, password, security, from, to, on, siteName);
    }

    public MailSettings withSiteName(String name) {
        return new MailSettings(host, port, username, password, security, from, to, onlyOnFailure, name);
    }

    @Override
    public String toString() {
        return "MailSettings[" + host + ":" + port + ", " + security + ", from " + from + ", to " + to
                + (username == null ? "" : ", user " + username) + (onlyOnFailure ? ", only on failure" : "") + "]";
    }
}
