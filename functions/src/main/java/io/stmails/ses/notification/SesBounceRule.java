package io.stmails.ses.notification;

import io.stmails.domain.BounceType;
import java.util.Set;

/**
 * The one hard/soft rule for an Amazon SES bounce, whichever way its notification arrived (SNS,
 * EventBridge, or mailed to a bounce mailbox). SES classifies every bounce itself ({@code bounceType}):
 * {@code Permanent} (sub-types General, NoEmail, Suppressed, OnAccountSuppressionList) means stop
 * sending, so it is hard; {@code Transient} (General, MailboxFull, MessageTooLarge, ContentRejected,
 * AttachmentRejected) may succeed later, and {@code Undetermined} (or any type SES may add) says
 * nothing, so both are soft. One exception, as listmonk makes it: a {@code Transient} bounce whose
 * recipient {@code status} says the address itself is bad will fail again on every send, so it is hard.
 */
public final class SesBounceRule {
    /**
     * Enhanced status codes (RFC 3463, RFC 7505) saying the recipient address itself is bad. 5.1.7 and
     * 5.1.8 are about the sender's address, 5.1.5 means the address is valid, so they are not here.
     */
    private static final Set<String> BAD_ADDRESS_STATUSES =
            Set.of("5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.4.4");

    private SesBounceRule() {
    }

    /**
     * @param bounceType the bounce's {@code bounceType}, as SES spells it; null when absent
     * @param status     the recipient's {@code status} (an RFC 3463 code); null when absent
     */
    public static BounceType classOf(String bounceType, String status) {
        if ("Permanent".equals(bounceType)) {
            return BounceType.HARD;
        }
        if ("Transient".equals(bounceType) && status != null && BAD_ADDRESS_STATUSES.contains(status.trim())) {
            return BounceType.HARD;
        }
        return BounceType.SOFT;
    }
}
