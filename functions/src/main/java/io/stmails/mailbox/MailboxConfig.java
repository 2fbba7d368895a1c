package io.stmails.mailbox;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One bounce mailbox from the settings' {@code mailboxes} array (the password comes from the secrets).
 *
 * @param security        how the connection is protected; plain text only when set explicitly
 * @param tlsSkipVerify   accept any server certificate (self-signed test servers only)
 * @param maxMessages     at most this many messages per scan (the rest wait for the next scan)
 * @param scanInterval    how often the schedule scans this mailbox
 * @param nonBounces      what to do with recognised non-bounces (auto-replies, delivery and delay notices)
 * @param unrecognised    what to do with unrelated mail and messages that cannot be read
 * @param recordDelays    record delay warnings as soft bounces (off: a delay is not a failure)
 * @param verp            pattern over a lower-cased address with a group named {@code subscriber}
 */
public record MailboxConfig(
        String name,
        boolean enabled,
        String host,
        int port,
        Security security,
        boolean tlsSkipVerify,
        String username,
        Duration connectTimeout,
        Duration readTimeout,
        int maxMessages,
        Duration scanInterval,
        Policy nonBounces,
        Policy unrecognised,
        boolean recordDelays,
        Pattern verp) {

    public enum Security {
        /** Implicit TLS from the first byte (POP3S, port 995). */
        TLS("tls", 995),
        /** Plain connection upgraded with STLS before logging in; refused if the server does not offer it. */
        STARTTLS("starttls", 110),
        /** No encryption at all: the password crosses the network in clear text. */
        PLAIN("plain", 110);

        private final String wire;
        private final int defaultPort;

        Security(String wire, int defaultPort) {
            this.wire = wire;
            this.defaultPort = defaultPort;
        }

        public String wire() {
            return wire;
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    /** Keep a message in the mailbox, or delete it once handled. */
    public enum Policy {
        KEEP("keep"),
        DELETE("delete");

        private final String wire;

        Policy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
