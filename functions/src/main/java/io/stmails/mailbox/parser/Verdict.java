package io.stmails.mailbox.parser;

/** What a message in a bounce mailbox turned out to be. */
public enum Verdict {
    /** A bounce or a complaint: at least one recipient, each with its class. */
    BOUNCE,
    /**
     * Recognised and deliberately not a bounce: an auto-reply, a delivered / relayed / expanded notice,
     * or a delay warning whose recipients are still being retried.
     */
    NOT_BOUNCE,
    /** Mail that shows no sign of being a bounce (a person's reply, a newsletter, spam). */
    UNRELATED,
    /** Looks like a bounce but no bounced recipient could be read from it, or the MIME structure is broken. */
    UNPARSEABLE
}
