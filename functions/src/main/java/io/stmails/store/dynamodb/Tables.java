package io.stmails.store.dynamodb;

import java.util.List;

/**
 * Table names and the key design, in one place. See README "DynamoDB key design", which also says
 * what each write costs.
 *
 * <p>Bounces table: {@code pk = S#<subscriber uuid>}, {@code sk = B#<hash of the dedupe key>}. A
 * subscriber's bounces live in one partition, so counting one type is a strongly consistent key
 * query and the stream delivers one subscriber's bounces in order; the key being the dedupe key, one
 * conditional put records a bounce exactly once. A deleted bounce leaves a dedupe marker
 * ({@code pk = D#<sha-256 of the dedupe key>}, {@code sk = D}, with a TTL); evidence too large to
 * travel on its bounce has an item beside it ({@code sk = E#<the same hash>}). Global indexes: four
 * listing indexes that share the partition key {@code all_shard = ALL#<0..15>}, write-sharded so that
 * a campaign bouncing thousands of times per second spreads its index writes, each sorted by one
 * listing order: by-time ({@code time_id = <created_at>#<id>}), by-email, by-source and by-campaign
 * (sparse; {@code <value> U+0001 <time_id>}). They project only what a listing filters on
 * ({@link #LISTING_PROJECTION}). No index by id (the id carries its {@code created_at}, so it names
 * its by-time entry) and none by type (three per-type time listings in turn give that order).
 *
 * <p>Subscribers table: {@code pk = S#<uuid>} (the subscriber), {@code pk = E#<email>} (unique
 * e-mail, points at the uuid), {@code pk = A#<bounce id>} (applied actions; a delete's with a TTL)
 * and {@code pk = R#<id>} (reactivations). The sparse index by-subscriber ({@code subscriber_uuid},
 * {@code applied_at}) holds only the last two: a subscriber's history.
 *
 * <p>Stats table (no stream): counters, one item per scope and UTC day ({@code pk = STATS#<scope>},
 * {@code sk = D#<yyyy-mm-dd>}, a number attribute per counter, the actions' among them; the all-time counts
 * are their sums), and the receipts that make counting exactly-once ({@code pk = RECEIPT#<sequence number>},
 * with a TTL).
 */
public record Tables(String bounces, String subscribers, String stats) {
    public static final int SHARDS = 16;

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "expires_at";

    public static final String BY_SUBSCRIBER = "by-subscriber";
    public static final String SUBSCRIBER_UUID = "subscriber_uuid";
    public static final String APPLIED_AT = "applied_at";
    public static final String ID = "id";
    public static final String ALL_SHARD = "all_shard";

    /** A listing index: its name and its sort key attribute. */
    public enum Listing {
        BY_TIME("by-time", "time_id"),
        BY_EMAIL("by-email", "email_sk"),
        BY_SOURCE("by-source", "source_sk"),
        BY_CAMPAIGN("by-campaign", "campaign_sk");

        private final String indexName;
        private final String sortKey;

        Listing(String indexName, String sortKey) {
            this.indexName = indexName;
            this.sortKey = sortKey;
        }

        public String indexName() {
            return indexName;
        }

        public String sortKey() {
            return sortKey;
        }
    }

    /**
     * What the listing indexes carry besides their keys: the attributes a listing filters on. A page's
     * bounces are then read from the table by key ({@code BatchGetItem}), so an index entry stays far below
     * 1 KB (one write unit) whatever the bounce's metadata and evidence weigh.
     */
    public static final List<String> LISTING_PROJECTION = List.of("email", "campaign_uuid", "source", "type", "created_at");

    /** Between a listing value and the time id: sorts below every printable character. */
    public static final String SEPARATOR = "\u0001";

    public static Tables withPrefix(String prefix) {
        return new Tables(prefix + "bounces", prefix + "subscribers", prefix + "stats");
    }
}
