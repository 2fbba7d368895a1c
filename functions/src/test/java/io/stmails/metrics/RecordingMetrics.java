package io.stmails.metrics;

import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;
import java.util.ArrayList;
import java.util.List;

/** Keeps every count as a line of text, and how often the counts were flushed, for tests to read. */
public final class RecordingMetrics implements BounceMetrics {
    private final List<String> counted = new ArrayList<>();
    private int flushes;

    public synchronized List<String> counted() {
        return List.copyOf(counted);
    }

    public synchronized int flushes() {
        return flushes;
    }

    @Override
    public synchronized void bounce(String channel, BounceType type, Outcome outcome) {
        counted.add("bounce " + channel + " " + type.wire() + " " + outcome);
    }

    @Override
    public synchronized void rejected(String channel, Rejection reason) {
        counted.add("rejected " + channel + " " + reason);
    }

    @Override
    public synchronized void actionApplied(ThresholdAction action) {
        counted.add("action " + action.wire());
    }

    @Override
    public synchronized void suppressionChanged(boolean added) {
        counted.add(added ? "suppression added" : "suppression removed");
    }

    @Override
    public synchronized void mailboxScanned(String mailbox, boolean completed, int examined, int failed) {
        counted.add("scan " + mailbox + (completed ? " completed" : " failed") + " examined " + examined + " failed " + failed);
    }

    @Override
    public synchronized void parserVerdict(String verdict) {
        counted.add("verdict " + verdict);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }
}
