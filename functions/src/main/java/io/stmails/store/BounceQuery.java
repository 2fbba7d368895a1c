package io.stmails.store;

import io.stmails.domain.BounceType;
import java.time.Instant;

/**
 * One page of a bounce listing: equality filters (each may be null), a created_at range
 * ({@code from} inclusive, {@code to} exclusive; each may be null), an order, a page size and the
 * cursor returned with the previous page (null for the first).
 */
public record BounceQuery(
        String campaignUuid,
        String source,
        BounceType type,
        String email,
        Instant from,
        Instant to,
        Order orderBy,
        boolean ascending,
        int limit,
        String cursor) {

    /** listmonk's {@code order_by} values ({@code campaign_name} orders by campaign UUID: stmails has no campaign names). */
    public enum Order {
        CREATED_AT,
        EMAIL,
        SOURCE,
        TYPE,
        CAMPAIGN
    }

    public BounceQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public BounceQuery withLimit(int pageSize) {
        return new BounceQuery(campaignUuid, source, type, email, from, to, orderBy, ascending, pageSize, cursor);
    }

    public BounceQuery withCursor(String next) {
        return new BounceQuery(campaignUuid, source, type, email, from, to, orderBy, ascending, limit, next);
    }
}
