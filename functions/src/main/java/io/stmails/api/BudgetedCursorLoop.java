package io.stmails.api;

import io.stmails.domain.Bounce;
import io.stmails.store.BouncePage;
import io.stmails.store.BounceQuery;
import io.stmails.store.BounceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The bulk operations' walk over what a bounce query matches: page by page, following the cursor, until
 * the last page or the time budget (API Gateway gives up at 29 s); the caller then answers 202 and says
 * how to continue. A bad {@code cursor} in the query throws {@link io.stmails.store.InvalidCursorException}.
 */
final class BudgetedCursorLoop {
    static final Duration BUDGET = Duration.ofSeconds(20);

    private final BounceStore bounces;
    private final Supplier<Instant> clock;

    BudgetedCursorLoop(BounceStore bounces, Supplier<Instant> clock) {
        this.bounces = bounces;
        this.clock = clock;
    }

    /** @return empty when every page was handled, else the cursor of the next page */
    Optional<String> forEachPage(BounceQuery query, Consumer<List<Bounce>> page) {
        Instant deadline = clock.get().plus(BUDGET);
        BounceQuery current = query;
        while (true) {
            BouncePage found = bounces.query(current);
            page.accept(found.bounces());
            if (found.nextCursor() == null) {
                return Optional.empty();
            }
            current = current.withCursor(found.nextCursor());
            if (clock.get().isAfter(deadline)) {
                return Optional.of(found.nextCursor());
            }
        }
    }

    /** The distinct subscribers of a page's bounces, in order. */
    static List<String> owners(List<Bounce> page) {
        return page.stream().map(Bounce::subscriberUuid).distinct().toList();
    }
}
