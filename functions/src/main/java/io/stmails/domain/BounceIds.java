package io.stmails.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Bounce ids: 26 characters of Crockford base32 (48 bits of milliseconds, 80 random bits), so ids
 * sort by creation time as strings and never collide across concurrent writers.
 */
public final class BounceIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern WELL_FORMED = Pattern.compile("^[0-9A-HJKMNP-TV-Z]{26}$");

    private BounceIds() {
    }

    public static String next(Instant now) {
        byte[] random = new byte[10];
        Holder.RANDOM.nextBytes(random);
        char[] out = new char[26];
        long time = now.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
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

    /** Created on first use, never during a SnapStart snapshot's init. */
    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
