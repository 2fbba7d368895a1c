package io.stmails.store.dynamodb;

/**
 * Table names and the key design, in one place. See README "DynamoDB key design".
 *
 * <p>Bounces table: {@code pk = S#<subscriber uuid>}, {@code sk = B#<type>#<created_at>#<id>}. A
 * subscriber's bounces live in one partition, so counting one type is a strongly consistent key
 * query and the stream delivers one subscriber's bounces in order. Dedupe markers share the table
 * ({@code pk = D#<sha-256 of the dedupe key>}, {@code sk = D}, with a TTL). Four global indexes,
 * the first three write-sharded over {@link #SHARDS} partitions so that a campaign bouncing
 * thousands of times per second spreads its index writes:
 * by-time ({@code all_shard}), by-campaign ({@code campaign_shard}), by-source
 * ({@code source_shard}), each sorted by {@code time_id}; and by-id ({@code id}).
 *
 * <p>Subscribers table: {@code pk = S#<uuid>} (the subscriber), {@code pk = E#<email>} (unique
 * e-mail, points at the uuid) and {@code pk = A#<bounce id>} (applied threshold actions, with a TTL).
 */
public record Tables(String bounces, String subscribers) {
    public static final int SHARDS = 16;

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "expires_at";

    public static final String BY_ID = "by-id";
    public static final String BY_TIME = "by-time";
    public static final String BY_CAMPAIGN = "by-campaign";
    public static final String BY_SOURCE = "by-source";

    public static final String ID = "id";
    public static final String TIME_ID = "time_id";
    public static final String ALL_SHARD = "all_shard";
    public static final String CAMPAIGN_SHARD = "campaign_shard";
    public static final String SOURCE_SHARD = "source_shard";

    public static Tables withPrefix(String prefix) {
        return new Tables(prefix + "bounces", prefix + "subscribers");
    }
}
