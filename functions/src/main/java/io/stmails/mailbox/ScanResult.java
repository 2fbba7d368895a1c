package io.stmails.mailbox;

/**
 * What one scan of one mailbox did.
 *
 * @param messages      messages in the mailbox when the scan started
 * @param examined      messages fetched and handled
 * @param recorded      bounces newly recorded
 * @param duplicates    bounces already recorded by an earlier scan (the message had been kept)
 * @param notFound      bounces whose subscriber is unknown under the unknown-subscriber policy "ignore"
 * @param deleted       messages marked for deletion (applied only when {@code committed})
 * @param kept          messages left in the mailbox on purpose (policy keep, or not recorded yet)
 * @param failed        messages that could not be fetched or handled; kept for the next scan
 * @param stoppedEarly  the scan stopped before its end to stay clear of the function's deadline
 * @param committed     the session ended cleanly, so the deletions took effect
 * @param error         why the scan ended abnormally, or null
 */
public record ScanResult(
        String mailbox,
        int messages,
        int examined,
        int recorded,
        int duplicates,
        int notFound,
        int deleted,
        int kept,
        int failed,
        boolean stoppedEarly,
        boolean committed,
        String error) {

    public boolean ok() {
        return error == null;
    }
}
