package io.stmails.metrics;

import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;

/**
 * The business metrics an operator watches, counted where each thing happens (the recorder, the
 * webhook gate, the threshold processor, the suppression list, the mailbox scanner) and written once
 * at the end of the invocation by {@link #flush()}. Dimension values are bounded sets: a channel is the
 * adapter that delivered a bounce ({@code webhook}, {@code ses}, {@code pop3} or a provider's name),
 * never the free-text {@code source} field.
 */
public interface BounceMetrics {
    /** What recording one bounce came to. */
    enum Outcome {
        RECORDED,
        DUPLICATE,
        /** Nothing recorded: no subscriber for it under the unknown-subscriber policy, or she was erased. */
        REFUSED
    }

    /** Why a webhook request was not accepted as the sender's. */
    enum Rejection {
        /** A signature, token or key that does not match the request. */
        BAD_SIGNATURE,
        /** Signed too long ago (or in the future): a replay window closed. */
        STALE,
        /** A signature seen before. */
        REPLAY,
        /** Missing or wrong credentials. */
        AUTH
    }

    /** Counts nothing; for tests and tools that do not report metrics. */
    BounceMetrics NONE = new BounceMetrics() {
        @Override
        public void bounce(String channel, BounceType type, Outcome outcome) {
        }

        @Override
        public void rejected(String channel, Rejection reason) {
        }

        @Override
        public void actionApplied(ThresholdAction action) {
        }

        @Override
        public void suppressionChanged(boolean added) {
        }

        @Override
        public void mailboxScanned(String mailbox, boolean completed, int examined, int failed) {
        }

        @Override
        public void parserVerdict(String verdict) {
        }

        @Override
        public void flush() {
        }
    };

    void bounce(String channel, BounceType type, Outcome outcome);

    void rejected(String channel, Rejection reason);

    void actionApplied(ThresholdAction action);

    /** @param added true for an address put on the suppression list, false for one removed from it */
    void suppressionChanged(boolean added);

    /** @param completed the scan ran to its end (deletions committed), even if some messages failed */
    void mailboxScanned(String mailbox, boolean completed, int examined, int failed);

    /** What the mailbox parser made of one message: {@code bounce}, {@code not_bounce}, {@code unrelated}, {@code unparseable}. */
    void parserVerdict(String verdict);

    /** Writes what this thread counted since the last flush, and forgets it. */
    void flush();
}
