package io.stmails.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bounce ids: 26 characters of Crockford base32, 50 bits of milliseconds since {@link Instants#EARLIEST}
 * and 80 random bits, so ids sort by time as strings and never collide across concurrent writers. A
 * bounce's id carries its {@code created_at} ({@link #timeOf}): with it the id names the bounce's entry in
 * the time listing, which is how a bounce is found by id without an index of its own.
 */
public final class BounceIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern WELL_FORMED = Pattern.compile("^[0-9A-HJKMNP-TV-Z]{26}$");
    private static final int TIME_CHARS = 10;
    private static final long EPOCH_MILLIS = Instants.EARLIEST.toEpochMilli();

    private BounceIds() {
    }

    /** A new id for a bounce created at {@code at}; the times the domain accepts are {@link Instants#EARLIEST} to {@link Instants#LATEST}. */
    public static String next(Instant at) {
        byte[] random = new byte[10];
        Holder.RANDOM.nextBytes(random);
        char[] out = new char[26];
        long time = at.toEpochMilli() - EPOCH_MILLIS;
        if (time < 0) {
            throw new IllegalArgumentException("a bounce id needs a time from year 1 on: " + at);
        }
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /** The time an id was made for, to the millisecond; empty when the text is not an id of a time up to {@link Instants#LATEST}. */
    public static Optional<Instant> timeOf(String id) {
        if (id == null || id.length() != 26) {
            return Optional.empty();
        }
        long time = 0;
        for (int i = 0; i < TIME_CHARS; i++) {
            int digit = digit(id.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            time = (time << 5) | digit;
        }
        Instant at = Instant.ofEpochMilli(EPOCH_MILLIS + time);
        return at.isAfter(Instants.LATEST) ? Optional.empty() : Optional.of(at);
    }

    private static int digit(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Created on first use, never during a SnapStart snapshot's init. */
    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
