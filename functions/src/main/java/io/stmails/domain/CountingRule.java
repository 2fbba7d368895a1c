package io.stmails.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which of a subscriber's bounces of one type count toward its threshold: those inside the window
 * (if any), and of those only the ones after the last quiet gap of at least {@code resetAfter} (if
 * set). A gap between the newest bounce and now counts too: a subscriber quiet for that long starts
 * from zero. Bounces before the window never change the result, so callers read only the window.
 *
 * @param window     null counts all-time
 * @param resetAfter null never resets
 */
public record CountingRule(Duration window, Duration resetAfter) {

    /** The oldest creation time that can count, or null when every bounce can. */
    public Instant since(Instant now) {
        return window == null ? null : now.minus(window);
    }

    /** @param createdAt creation times of the subscriber's bounces of one type, in any order */
    public long count(Collection<Instant> createdAt, Instant now) {
        Instant since = since(now);
        List<Instant> times = new ArrayList<>();
        for (Instant time : createdAt) {
            if (since == null || !time.isBefore(since)) {
                times.add(time);
            }
        }
        if (resetAfter == null || times.isEmpty()) {
            return times.size();
        }
        times.sort(null);
        Instant newest = times.get(times.size() - 1);
        if (!Duration.between(newest, now).minus(resetAfter).isNegative()) {
            return 0;
        }
        int firstCounted = 0;
        for (int i = 1; i < times.size(); i++) {
            if (!Duration.between(times.get(i - 1), times.get(i)).minus(resetAfter).isNegative()) {
                firstCounted = i;
            }
        }
        return times.size() - firstCounted;
    }
}
