package io.stmails.actions;

import io.stmails.domain.StatsCounters;
import io.stmails.domain.StatsCounters.Counter;
import io.stmails.store.StatsStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that follows a change to the bounces table, for one batch of its stream: the
 * threshold action of every new bounce, and the statistics counters. Returns the sequence numbers
 * to report as failed; the event source mapping resumes at the lowest of them.
 *
 * <p>Counting is exactly-once: only the records before the first failure are counted (everything
 * from it on will be delivered again), in groups whose receipt, keyed by the group's first
 * sequence number, is written in the same transaction as the counters. A redelivered batch starts
 * at the same record, finds the receipt, and skips what it already counted.
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
        int firstFailure = changes.size();
        for (int i = 0; i < changes.size(); i++) {
            StreamChange change = changes.get(i);
            try {
                if (change.undecodable() != null) {
                    throw change.undecodable();
                }
                if (change.kind() == StreamChange.Kind.BOUNCE_INSERTED) {
                    thresholds.process(change.bounce());
                }
            } catch (RuntimeException e) {
                LOG.error("stream record {} failed; reported for retry", change.sequenceNumber(), e);
                failed.add(change.sequenceNumber());
                firstFailure = Math.min(firstFailure, i);
            }
        }
        List<StreamChange> countable = changes.subList(0, firstFailure).stream()
                .filter(c -> c.kind() != StreamChange.Kind.OTHER).toList();
        try {
            count(countable);
        } catch (RuntimeException e) {
            LOG.error("counting failed; the batch is retried from its first record", e);
            if (!countable.isEmpty() && !failed.contains(countable.get(0).sequenceNumber())) {
                failed.add(0, countable.get(0).sequenceNumber());
            }
        }
        return failed;
    }

    private void count(List<StreamChange> changes) {
        int next = 0;
        while (next < changes.size()) {
            Optional<String> countedThrough = stats.countedThrough(changes.get(next).sequenceNumber());
            if (countedThrough.isPresent()) {
                BigInteger through = new BigInteger(countedThrough.get());
                while (next < changes.size() && new BigInteger(changes.get(next).sequenceNumber()).compareTo(through) <= 0) {
                    next++;
                }
                continue;
            }
            Map<Counter, Long> deltas = new HashMap<>();
            int end = next;
            while (end < changes.size() && end - next < MAX_RECORDS_PER_GROUP) {
                Map<Counter, Long> withNext = new HashMap<>(deltas);
                StreamChange change = changes.get(end);
                long delta = change.kind() == StreamChange.Kind.BOUNCE_INSERTED ? 1 : -1;
                StatsCounters.of(change.bounce()).forEach(counter -> withNext.merge(counter, delta, Long::sum));
                if (withNext.size() > StatsStore.MAX_COUNTERS_PER_GROUP) {
                    break;
                }
                deltas = withNext;
                end++;
            }
            deltas.values().removeIf(d -> d == 0);
            stats.apply(changes.get(next).sequenceNumber(), changes.get(end - 1).sequenceNumber(), deltas);
            next = end;
        }
    }
}
