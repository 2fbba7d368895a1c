package io.stmails.actions;

import io.stmails.domain.Bounce;

/**
 * One record of the bounces table's stream, decoded: a bounce that appeared or disappeared, a change
 * to anything else (ignored), or a record that could not be decoded (a failure to report).
 */
public record StreamChange(String sequenceNumber, Kind kind, Bounce bounce, RuntimeException undecodable) {

    public enum Kind {
        BOUNCE_INSERTED,
        BOUNCE_REMOVED,
        OTHER
    }

    public static StreamChange inserted(String sequenceNumber, Bounce bounce) {
        return new StreamChange(sequenceNumber, Kind.BOUNCE_INSERTED, bounce, null);
    }

    public static StreamChange removed(String sequenceNumber, Bounce bounce) {
        return new StreamChange(sequenceNumber, Kind.BOUNCE_REMOVED, bounce, null);
    }

    public static StreamChange other(String sequenceNumber) {
        return new StreamChange(sequenceNumber, Kind.OTHER, null, null);
    }

    public static StreamChange undecodable(String sequenceNumber, RuntimeException cause) {
        return new StreamChange(sequenceNumber, Kind.OTHER, null, cause);
    }
}
