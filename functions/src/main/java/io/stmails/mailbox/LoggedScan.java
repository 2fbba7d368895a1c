package io.stmails.mailbox;

import io.stmails.store.ScanLog;
import io.stmails.store.ScanRecord;
import io.stmails.store.StorageException;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled scan whose outcome (done, skipped or failed, and why) is kept in the {@link ScanLog}
 * for the console and the API. Keeping it is best effort: a scan never fails because its log entry
 * could not be written.
 */
public final class LoggedScan {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedScan.class);
    /** A mailbox named by no schedule event: the only one configured. */
    static final String UNNAMED = "(the only mailbox)";

    private final ScheduledScan scans;
    private final ScanLog log;
    private final Supplier<Instant> clock;

    public LoggedScan(ScheduledScan scans, ScanLog log, Supplier<Instant> clock) {
        this.scans = scans;
        this.log = log;
        this.clock = clock;
    }

    public ScheduledScan.Outcome run(String mailboxName, LongSupplier remainingMillis) {
        String name = mailboxName == null || mailboxName.isBlank() ? UNNAMED : mailboxName;
        ScheduledScan.Outcome outcome;
        try {
            outcome = scans.run(mailboxName, remainingMillis);
        } catch (RuntimeException e) {
            keep(new ScanRecord(name, clock.get(), "failed", String.valueOf(e.getMessage()), 0, 0, 0));
            throw e;
        }
        if (outcome.skipped() != null) {
            keep(new ScanRecord(name, clock.get(), "skipped", outcome.skipped(), 0, 0, 0));
            return outcome;
        }
        ScanResult result = outcome.result();
        keep(new ScanRecord(result.mailbox(), clock.get(), result.ok() ? "ok" : "failed", result.error(),
                result.examined(), result.recorded(), result.failed()));
        return outcome;
    }

    private void keep(ScanRecord scan) {
        try {
            log.record(scan);
        } catch (StorageException e) {
            LOG.warn("the outcome of the scan of {} was not kept: {}", scan.mailbox(), e.getMessage());
        }
    }
}
