package io.stmails.mailbox.parser;

import java.util.List;

/** What one reading of a message found: its verdict, its recipients and how it was read. */
record Reading(Verdict verdict, List<BouncedRecipient> recipients, String explanation) {
    static Reading none(Verdict verdict, String explanation) {
        return new Reading(verdict, List.of(), explanation);
    }
}
