package io.stmails.store;

import java.time.Instant;

/**
 * The outcome of one scheduled scan of one mailbox.
 *
 * @param outcome  {@code ok}, {@code skipped} (disabled) or {@code failed}
 * @param detail   why it was skipped or failed; null when it went well
 */
public record ScanRecord(String mailbox, Instant at, String outcome, String detail, int examined, int recorded,
        int failed) {
}
