package io.stmails.actions;

import io.stmails.domain.ActionCounters;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.StatsCounters.Counter;
import io.stmails.store.ActionRecord;
import io.stmails.store.StatsStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that follows a change to the bounces table, for one batch of its stream: the
 * threshold action of every new bounce, and the statistics counters. Returns the sequence numbers
 * of the records that could not be processed, and only those; the event source mapping resumes at the
 * lowest of them, so every record after it is delivered again.
 *
 * <p>Per subscriber, records are handled in stream order: once a record of a subscriber fails, that
 * subscriber's later records in the batch are left for the redelivery (not reported: they are not at
 * fault). Other subscribers' records are processed; their threshold actions are idempotent.
 *
 * <p>Counting is exactly-once: a bounce is counted together with the threshold action it applied (so
 * that action is counted exactly once too), and only the records before the first failure are counted (everything
 * from it on will be delivered again), in groups written in one transaction with a receipt for each
 * of their records. A redelivery, wherever it starts (at a reported record, or in the middle of a
 * batch that Lambda split after a function error), finds the receipts and skips what was counted. A
 * group whose transaction fails, or overlaps counted records, is counted again one record at a time,
 * so the record at fault is the one reported.
 */
public final class BounceStreamProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BounceStreamProcessor.class);
    private static final int MAX_RECORDS_PER_GROUP = 25;

    private final ThresholdProcessor thresholds;
    private final StatsStore stats;

    public BounceStreamProcessor(ThresholdProcessor thresholds, StatsStore stats) {
        this.thresholds = thresholds;
        this.stats = stats;
    }

    public List<String> process(List<StreamChange> changes) {
        List<String> failed = new ArrayList<>();
        Map<String, ActionRecord> actions = new HashMap<>();
        Set<String> heldSubscribers = new HashSet<>();
        int firstFailure = changes.size();
        for (int i = 0; i < changes.size(); i++) {
            StreamChange change = changes.get(i);
            String subscriber = change.bounce() == null ? null : change.bounce().subscriberUuid();
            if (subscriber != null && heldSubscribers.contains(subscriber)) {
                continue;
            }
            try {
                if (change.undecodable() != null) {
                    throw change.undecodable();
                }
                if (change.kind() != StreamChange.Kind.OTHER) {
                    // A bounce whose counters cannot be named fails here, alone, rather than its whole group later.
                    StatsCounters.of(change.bounce());
                }
                if (change.kind() == StreamChange.Kind.BOUNCE_INSERTED) {
                    thresholds.process(change.bounce()).ifPresent(action -> actions.put(change.sequenceNumber(), action));
                }
            } catch (RuntimeException e) {
                LOG.error("stream record {} failed; reported for retry", change.sequenceNumber(), e);
                failed.add(change.sequenceNumber());
                firstFailure = Math.min(firstFailure, i);
                if (subscriber != null) {
                    heldSubscribers.add(subscriber);
                }
            }
        }
        List<StreamChange> countable = changes.subList(0, firstFailure).stream()
                .filter(c -> c.kind() != StreamChange.Kind.OTHER).toList();
        int uncounted = count(countable, actions);
        if (uncounted >= 0) {
            failed.add(0, countable.get(uncounted).sequenceNumber());
        }
        return failed;
    }

    /**
     * Counts the changes in order, each inserted bounce with the threshold action it applied (if any); the index of
     * the one that could not be counted (nothing after it is), or -1.
     */
    private int count(List<StreamChange> changes, Map<String, ActionRecord> actions) {
        int next = 0;
        int oneByOneUntil = 0;
        while (next < changes.size()) {
            int end = next;
            try {
                Optional<String> countedThrough = stats.countedThrough(changes.get(next).sequenceNumber());
                if (countedThrough.isPresent()) {
                    BigInteger through = new BigInteger(countedThrough.get());
                    while (next < changes.size() && new BigInteger(changes.get(next).sequenceNumber()).compareTo(through) <= 0) {
                        next++;
                    }
                    continue;
                }
                int groupSize = next < oneByOneUntil ? 1 : MAX_RECORDS_PER_GROUP;
                Map<Counter, Long> deltas = new HashMap<>();
                while (end < changes.size() && end - next < groupSize) {
                    Map<Counter, Long> withNext = new HashMap<>(deltas);
                    StreamChange change = changes.get(end);
                    long delta = change.kind() == StreamChange.Kind.BOUNCE_INSERTED ? 1 : -1;
                    StatsCounters.of(change.bounce()).forEach(counter -> withNext.merge(counter, delta, Long::sum));
                    ActionRecord action = actions.get(change.sequenceNumber());
                    if (action != null) {
                        ActionCounters.of(action.action(), action.appliedAt()).forEach(counter -> withNext.merge(counter, 1L, Long::sum));
                    }
                    if (end > next && StatsCounters.items(withNext.keySet()) + (end - next + 1) > StatsStore.MAX_ITEMS_PER_GROUP) {
                        break;
                    }
                    deltas = withNext;
                    end++;
                }
                deltas.values().removeIf(d -> d == 0);
                List<String> sequences = changes.subList(next, end).stream().map(StreamChange::sequenceNumber).toList();
                if (!stats.apply(sequences, deltas) && end - next > 1) {
                    // Some of the group were counted by an earlier delivery: sort them out one by one.
                    oneByOneUntil = end;
                    continue;
                }
                next = end;
            } catch (RuntimeException e) {
                if (end - next <= 1) {
                    LOG.error("counting stream record {} failed; reported for retry", changes.get(next).sequenceNumber(), e);
                    return next;
                }
                LOG.warn("counting records {} to {} failed; counting them one by one", changes.get(next).sequenceNumber(),
                        changes.get(end - 1).sequenceNumber(), e);
                oneByOneUntil = end;
            }
        }
        return -1;
    }
}
