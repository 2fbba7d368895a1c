package io.stmails.providers;

import io.stmails.metrics.BounceMetrics.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The building blocks of provider signature checks: HMAC, constant-time comparison, timestamp windows. */
public final class Signatures {
    private Signatures() {
    }

    /** HMAC-SHA256 with a UTF-8 key over the concatenation of {@code parts}. */
    public static byte[] hmacSha256(String key, byte[]... parts) {
        return hmacSha256(key.getBytes(StandardCharsets.UTF_8), parts);
    }

    /** HMAC-SHA256 with a binary key (e.g. a decoded base64 secret) over the concatenation of {@code parts}. */
    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison, so a forger learns nothing from response times. */
    public static boolean matches(byte[] expected, byte[] presented) {
        return MessageDigest.isEqual(expected, presented);
    }

    /** Hex in either case; anything else rejects the request. */
    public static byte[] hex(String value, String what) {
        try {
            return HexFormat.of().parseHex(value.trim());
        } catch (IllegalArgumentException e) {
            throw new RejectedException(what + " is not hexadecimal");
        }
    }

    public static long unixSeconds(String value, String what) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new RejectedException(what + " is not a Unix timestamp");
        }
    }

    /** Rejects a signed timestamp further than {@code window} from now, either way (replayed or forged). */
    public static void requireWithinWindow(long signedAtSeconds, Instant now, Duration window, String what) {
        long skew = Math.abs(now.getEpochSecond() - signedAtSeconds);
        if (skew > window.getSeconds()) {
            throw new RejectedException(Rejection.STALE, what + " is " + skew + " s away from the current time (allowed: "
                    + window.getSeconds() + " s)");
        }
    }
}
