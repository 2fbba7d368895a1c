package io.stmails.mailbox.pop3;

import io.stmails.mailbox.MailboxClient;
import io.stmails.mailbox.MailboxConfig;
import io.stmails.mailbox.MailboxException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Message;

/** {@link MailboxClient} over POP3 with angus-mail: implicit TLS, STARTTLS (required) or explicit plain text; USER/PASS. */
public final class AngusPop3Client implements MailboxClient {

    @Override
    public Session open(MailboxConfig mailbox, String password) throws MailboxException {
        String protocol = mailbox.security() == MailboxConfig.Security.TLS ? "pop3s" : "pop3";
        jakarta.mail.Session mail = jakarta.mail.Session.getInstance(properties(mailbox, protocol));
        Store store = null;
        try {
            store = mail.getStore(protocol);
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            return new Pop3Session(store, inbox);
        } catch (AuthenticationFailedException e) {
            closeQuietly(store);
            throw new MailboxException("mailbox " + mailbox.name() + ": login as " + mailbox.username() + " refused", e);
        } catch (MessagingException e) {
            closeQuietly(store);
            throw new MailboxException("mailbox " + mailbox.name() + ": cannot connect to "
                    + mailbox.host() + ":" + mailbox.port() + " (" + mailbox.security().wire() + "): " + e.getMessage(), e);
        }
    }

    static Properties properties(MailboxConfig mailbox, String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(prefix + "connectiontimeout", Long.toString(mailbox.connectTimeout().toMillis()));
        props.setProperty(prefix + "timeout", Long.toString(mailbox.readTimeout().toMillis()));
        // USER/PASS only (angus-mail calls it LOGIN for POP3): no SASL mechanism, no APOP.
        props.setProperty(prefix + "auth.mechanisms", "LOGIN");
        props.setProperty(prefix + "apop.enable", "false");
        props.setProperty(prefix + "rsetbeforequit", "false");
        props.setProperty(prefix + "disabletop", "true");
        boolean tls = mailbox.security() != MailboxConfig.Security.PLAIN;
        if (mailbox.security() == MailboxConfig.Security.STARTTLS) {
            props.setProperty(prefix + "starttls.enable", "true");
            props.setProperty(prefix + "starttls.required", "true");
        }
        if (tls) {
            props.setProperty(prefix + "ssl.checkserveridentity", Boolean.toString(!mailbox.tlsSkipVerify()));
            if (mailbox.tlsSkipVerify()) {
                props.setProperty(prefix + "ssl.trust", "*");
            }
        }
        return props;
    }

    private static void closeQuietly(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // Already failing; the original error is what matters.
            }
        }
    }

    private static final class Pop3Session implements MailboxClient.Session {
        private final Store store;
        private final Folder inbox;
        private boolean lost;

        Pop3Session(Store store, Folder inbox) {
            this.store = store;
            this.inbox = inbox;
        }

        @Override
        public int messageCount() throws MailboxException {
            try {
                return inbox.getMessageCount();
            } catch (MessagingException e) {
                throw failure("STAT failed", e);
            }
        }

        @Override
        public byte[] fetch(int number) throws MailboxException {
            try {
                Message message = inbox.getMessage(number);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                if (message instanceof POP3Message pop3) {
                    pop3.invalidate(true);
                }
                return raw.toByteArray();
            } catch (MessagingException | IOException e) {
                throw failure("RETR " + number + " failed", e);
            }
        }

        @Override
        public void delete(int number) throws MailboxException {
            try {
                inbox.getMessage(number).setFlag(Flags.Flag.DELETED, true);
            } catch (MessagingException e) {
                throw failure("cannot mark message " + number + " deleted", e);
            }
        }

        @Override
        public void commit() throws MailboxException {
            try {
                inbox.close(true);
                store.close();
            } catch (MessagingException e) {
                throw failure("DELE/QUIT failed; the server deletes nothing unless QUIT succeeds", e);
            }
        }

        @Override
        public void abandon() {
            try {
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
            } catch (MessagingException | RuntimeException ignored) {
                // The connection may already be gone; nothing was deleted either way.
            }
            closeQuietly(store);
        }

        @Override
        public boolean connected() {
            return !lost && store.isConnected();
        }

        private MailboxException failure(String what, Exception e) {
            boolean connectionLost = e instanceof FolderClosedException || e instanceof StoreClosedException
                    || e instanceof IOException || e.getCause() instanceof IOException;
            lost |= connectionLost;
            return new MailboxException(what + ": " + e.getMessage(), e);
        }
    }
}
