package org.moodlesync.core.internal.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class of sync-core that uses Jakarta Mail (Eclipse Angus, an optional dependency): {@code MailNotifier}
 * loads it once it has checked that the library is there.
 */
public final class JakartaMail {

    private static final Logger LOG = LoggerFactory.getLogger(JakartaMail.class);

    private final Session session;
    private final String from;
    private final List<String> to;
    private final String server;

    /**
     * A session with these properties.
     *
     * @param properties Jakarta Mail's settings ({@code mail.smtp.host} …)
     * @param username   the login, {@code null} for none
     * @param password   the login's password
     * @param from       the sender's address
     * @param to         the recipients' addresses
     * @param server     the server as logged when a mail cannot be sent (no password)
     */
    public JakartaMail(Properties properties, String username, String password, String from, List<String> to,
            String server) {
        this.from = from;
        this.to = List.copyOf(to);
        this.server = server;
        this.session = username == null ? Session.getInstance(properties)
                : Session.getInstance(properties, new jakarta.mail.Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(username, password);
                    }
                });
    }

    /**
     * Sends one plain-text UTF-8 mail to every recipient; a mail that cannot be sent is logged, never thrown.
     *
     * @param subject the subject
     * @param body    the text
     */
    public void send(String subject, String body) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(from));
            for (String recipient : to) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(body, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            Transport.send(m);
        } catch (MessagingException | RuntimeException e) {
            LOG.error("cannot send the moodle-sync mail '{}' through {}: {}", subject, server, e.toString());
        }
    }
}
