package io.stmails.providers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Svix webhook signatures (Resend, and any other provider that delivers through Svix): {@code svix-signature}
 * holds space-separated {@code v1,<base64>} entries, each an HMAC-SHA256 over
 * {@code <svix-id>.<svix-timestamp>.<raw body>} keyed with the base64 part of the {@code whsec_} secret.
 * Several entries appear while a secret is being rotated; one match is enough.
 */
public final class Svix {
    public static final String ID_HEADER = "svix-id";
    public static final String TIMESTAMP_HEADER = "svix-timestamp";
    public static final String SIGNATURE_HEADER = "svix-signature";
    private static final String SECRET_PREFIX = "whsec_";

    private Svix() {
    }

    /**
     * @param secretField the secrets field holding the {@code whsec_...} signing secret
     * @throws RejectedException missing headers, a timestamp outside {@code window}, or no matching signature
     * @throws io.stmails.config.InvalidSettingsException the secret is missing or not a Svix secret
     */
    public static void verify(ProviderRequest request, ProviderCredentials credentials, String secretField, Instant now,
            Duration window) {
        byte[] key = key(credentials, secretField);
        String id = request.requiredHeader(ID_HEADER).trim();
        String timestamp = request.requiredHeader(TIMESTAMP_HEADER).trim();
        List<byte[]> signatures = signatures(request.requiredHeader(SIGNATURE_HEADER));
        Signatures.requireWithinWindow(Signatures.unixSeconds(timestamp, TIMESTAMP_HEADER), now, window, TIMESTAMP_HEADER);
        byte[] expected = Signatures.hmacSha256(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8),
                request.body());
        boolean matched = false;
        for (byte[] signature : signatures) {
            matched |= Signatures.matches(expected, signature);
        }
        if (!matched) {
            throw new RejectedException("no " + SIGNATURE_HEADER + " entry matches the body, id and timestamp");
        }
    }

    private static byte[] key(ProviderCredentials credentials, String field) {
        String secret = credentials.required(field).trim();
        try {
            return Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
        } catch (IllegalArgumentException e) {
            throw credentials.invalid(field, "is not a Svix signing secret (whsec_ followed by base64)");
        }
    }

    /** The v1 entries; other versions (v1a is asymmetric) and undecodable entries cannot match and are skipped. */
    private static List<byte[]> signatures(String header) {
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.trim().split("\\s+")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")) {
                try {
                    signatures.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
                } catch (IllegalArgumentException e) {
                    // one garbled entry must not hide a valid one next to it
                }
            }
        }
        if (signatures.isEmpty()) {
            throw new RejectedException(SIGNATURE_HEADER + " has no v1,<base64> signature");
        }
        return signatures;
    }
}
