package io.stmails.store;

import java.util.Map;

/** The latest scan of each POP3 mailbox, kept so that an operator can see whether that ingest path works. */
public interface ScanLog {
    /** Replaces the mailbox's previous record. */
    void record(ScanRecord scan);

    /** The latest scan of every mailbox that has been scanned, by mailbox name. */
    Map<String, ScanRecord> latest();
}
