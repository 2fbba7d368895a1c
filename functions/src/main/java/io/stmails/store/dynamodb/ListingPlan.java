package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.store.BounceQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Which index answers a query, the key range inside each shard, and the filters left over. */
final class ListingPlan {
    final Tables.Listing listing;
    final String lower;
    final String upper;
    final String cursorKey;
    final boolean ascending;
    final List<String> filters = new ArrayList<>();
    final Map<String, String> names = new HashMap<>();
    final Map<String, AttributeValue> values = new HashMap<>();

    private ListingPlan(Tables.Listing listing, String lower, String upper, String cursorKey, boolean ascending) {
        this.listing = listing;
        this.lower = lower;
        this.upper = upper;
        this.cursorKey = cursorKey;
        this.ascending = ascending;
    }

    static ListingPlan of(BounceQuery query, boolean withoutCampaign) {
        Tables.Listing listing = listingFor(query);
        String prefix = prefixFor(listing, query);
        String lower = prefix;
        String upper = prefix == null ? null : prefix + BounceListing.MAX;
        boolean timeInKey = prefix != null || listing == Tables.Listing.BY_TIME;
        if (timeInKey) {
            String base = prefix == null ? "" : prefix;
            if (query.from() != null) {
                lower = base + Timestamps.format(query.from());
            }
            if (query.to() != null) {
                upper = base + Timestamps.format(query.to());
            }
        }
        String cursorKey = null;
        if (query.cursor() != null) {
            cursorKey = BounceListing.decodeCursor(query.cursor(), listing);
            if (query.ascending()) {
                lower = lower == null || BounceListing.compareAsDynamoDb(cursorKey, lower) > 0 ? cursorKey : lower;
            } else {
                upper = upper == null || BounceListing.compareAsDynamoDb(cursorKey, upper) < 0 ? cursorKey : upper;
            }
        }
        ListingPlan plan = new ListingPlan(listing, lower, upper, cursorKey, query.ascending());
        if (listing != Tables.Listing.BY_EMAIL || query.email() == null) {
            plan.equal("email", query.email());
        }
        if (listing != Tables.Listing.BY_CAMPAIGN || query.campaignUuid() == null) {
            plan.equal("campaign_uuid", query.campaignUuid());
        }
        if (listing != Tables.Listing.BY_SOURCE || query.source() == null) {
            plan.equal("source", query.source());
        }
        plan.equal("type", query.type() == null ? null : query.type().wire());
        if (withoutCampaign) {
            plan.filters.add("attribute_not_exists(#nocampaign)");
            plan.names.put("#nocampaign", "campaign_uuid");
        }
        if (!timeInKey) {
            if (query.from() != null) {
                plan.compare("created_at", ">=", Timestamps.format(query.from()));
            }
            if (query.to() != null) {
                plan.compare("created_at", "<", Timestamps.format(query.to()));
            }
        }
        return plan;
    }

    /** Ordered by created_at, the most selective equality filter picks the index; otherwise the order does. */
    private static Tables.Listing listingFor(BounceQuery query) {
        return switch (query.orderBy()) {
            case EMAIL -> Tables.Listing.BY_EMAIL;
            case SOURCE -> Tables.Listing.BY_SOURCE;
            case CAMPAIGN -> Tables.Listing.BY_CAMPAIGN;
            // By type, a page is made of per-type time listings (SegmentedListing).
            case CREATED_AT, TYPE -> query.email() != null ? Tables.Listing.BY_EMAIL
                    : query.campaignUuid() != null ? Tables.Listing.BY_CAMPAIGN
                    : query.source() != null ? Tables.Listing.BY_SOURCE
                    : Tables.Listing.BY_TIME;
        };
    }

    private static String prefixFor(Tables.Listing listing, BounceQuery query) {
        String value = switch (listing) {
            case BY_EMAIL -> query.email();
            case BY_CAMPAIGN -> query.campaignUuid();
            case BY_SOURCE -> query.source();
            case BY_TIME -> null;
        };
        return value == null ? null : value + Tables.SEPARATOR;
    }

    /** A range that cannot hold anything (from after to, or a cursor past the range). */
    boolean isEmpty() {
        return lower != null && upper != null && BounceListing.compareAsDynamoDb(lower, upper) > 0;
    }

    private void equal(String attribute, String value) {
        if (value != null) {
            compare(attribute, "=", value);
        }
    }

    private void compare(String attribute, String operator, String value) {
        String name = "#f" + filters.size();
        String placeholder = ":f" + filters.size();
        filters.add(name + " " + operator + " " + placeholder);
        names.put(name, attribute);
        values.put(placeholder, s(value));
    }

    QueryRequest.Builder request(int shard) {
        Map<String, String> allNames = new HashMap<>(names);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allNames.put("#pk", Tables.ALL_SHARD);
        if (lower != null || upper != null) {
            allNames.put("#sk", listing.sortKey());
        }
        allValues.put(":pk", s("ALL#" + shard));
        String condition = "#pk = :pk";
        if (lower != null && upper != null) {
            condition += " AND #sk BETWEEN :lo AND :hi";
        } else if (lower != null) {
            condition += " AND #sk >= :lo";
        } else if (upper != null) {
            condition += " AND #sk <= :hi";
        }
        if (lower != null) {
            allValues.put(":lo", s(lower));
        }
        if (upper != null) {
            allValues.put(":hi", s(upper));
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .indexName(listing.indexName())
                .keyConditionExpression(condition)
                .scanIndexForward(ascending)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(allValues);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        return request;
    }
}
