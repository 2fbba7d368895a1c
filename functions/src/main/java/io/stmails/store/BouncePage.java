package io.stmails.store;

import io.stmails.domain.Bounce;
import java.util.List;

/**
 * @param cursors    {@code cursors.get(i)} continues the listing after {@code bounces.get(i)}
 * @param nextCursor continues after the page; null on the last page
 */
public record BouncePage(List<Bounce> bounces, List<String> cursors, String nextCursor) {
    public static final BouncePage EMPTY = new BouncePage(List.of(), List.of(), null);
}
