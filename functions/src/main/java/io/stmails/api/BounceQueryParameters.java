package io.stmails.api;

import io.stmails.address.Emails;
import io.stmails.domain.BounceType;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Instants;
import io.stmails.domain.InvalidFieldException;
import io.stmails.domain.Uuids;
import io.stmails.http.HttpRequest;
import io.stmails.store.BounceQuery;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads listmonk's {@code GET /api/bounces} parameters, plus stmails' filters and cursor. Lenient
 * where listmonk is (an unknown {@code order_by} orders by created_at, an unknown {@code order} is
 * descending); a filter that cannot match anything is a 400 naming it.
 */
final class BounceQueryParameters {
    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 50;
    /** What {@code per_page=all} returns at most in one response; {@code next_cursor} continues. */
    static final int ALL_PAGE_LIMIT = 1000;

    private BounceQueryParameters() {
    }

    /** A parsed query or the 400 message naming the bad parameter. */
    record Parsed(BounceQuery query, int page, boolean all, String error) {
    }

    static Parsed parse(HttpRequest request, int perPageDefault, int perPageMax) {
        try {
            String campaign = request.query("campaign_uuid").or(() -> request.query("campaign_id"))
                    .filter(v -> !v.isBlank()).orElse(null);
            if (campaign != null && !Uuids.isWellFormed(campaign)) {
                return error("Invalid campaign_uuid: expected a UUID.");
            }
            String source = request.query("source").filter(v -> !v.isEmpty()).orElse(null);
            try {
                InputLimits.requireIndexed("source", source);
            } catch (InvalidFieldException e) {
                return error("Invalid source: it " + e.problem() + ".");
            }
            BounceType type = null;
            Optional<String> typeParameter = request.query("type").filter(v -> !v.isEmpty());
            if (typeParameter.isPresent()) {
                type = BounceType.fromWire(typeParameter.get()).orElse(null);
                if (type == null) {
                    return error("Invalid type: use hard, soft or complaint.");
                }
            }
            String email = null;
            Optional<String> emailParameter = request.query("email").filter(v -> !v.isBlank());
            if (emailParameter.isPresent()) {
                email = Emails.normalise(emailParameter.get()).orElse(null);
                if (email == null) {
                    return error("Invalid email.");
                }
            }
            Instant from = time(request, "from");
            Instant to = time(request, "to");
            boolean all = request.query("per_page").map("all"::equals).orElse(false);
            int perPage = all ? ALL_PAGE_LIMIT : clamp(number(request, "per_page", perPageDefault), 1, perPageMax);
            int page = Math.max(1, number(request, "page", 1));
            String cursor = request.query("cursor").filter(v -> !v.isEmpty()).orElse(null);
            BounceQuery query = new BounceQuery(campaign == null ? null : campaign.toLowerCase(Locale.ROOT), source, type,
                    email, from, to, order(request), request.query("order").map("asc"::equalsIgnoreCase).orElse(false),
                    perPage, cursor);
            return new Parsed(query, cursor == null ? page : 1, all, null);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private static BounceQuery.Order order(HttpRequest request) {
        return switch (request.query("order_by").orElse("created_at")) {
            case "email" -> BounceQuery.Order.EMAIL;
            case "source" -> BounceQuery.Order.SOURCE;
            case "type" -> BounceQuery.Order.TYPE;
            case "campaign_name", "campaign" -> BounceQuery.Order.CAMPAIGN;
            default -> BounceQuery.Order.CREATED_AT;
        };
    }

    /** An RFC 3339 time, or a date meaning its midnight UTC. */
    private static Instant time(HttpRequest request, String name) {
        Optional<String> value = request.query(name).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.get().length() == 10
                    ? Instants.requireInRange(LocalDate.parse(value.get()).atStartOfDay(ZoneOffset.UTC).toInstant())
                    : Instants.parseRfc3339(value.get());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid " + name + ": expected an RFC 3339 time or a date (YYYY-MM-DD), in the years 0001 to 9999.");
        }
    }

    /** listmonk falls back to the default for a number it cannot read; so does this. */
    private static int number(HttpRequest request, String name, int fallback) {
        try {
            return request.query(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static Parsed error(String message) {
        return new Parsed(null, 0, false, message);
    }
}
