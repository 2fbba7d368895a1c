package io.stmails.address;

import io.stmails.domain.InputLimits;
import io.stmails.domain.InvalidFieldException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * listmonk's e-mail rule: trimmed, lower-cased, and a bare RFC 5322 address equal to itself. Kept out of
 * {@code domain} because it reads the address with Jakarta Mail's parser, and the domain is plain Java.
 */
public final class Emails {
    private Emails() {
    }

    /** The normalised address, or empty when it is not a bare address ({@code Name <a@b>} is rejected). */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String candidate = raw.trim().toLowerCase(Locale.ROOT);
        if (candidate.isEmpty() || candidate.length() > 320 || candidate.indexOf('@') < 1) {
            return Optional.empty();
        }
        try {
            // The address is a key (subscriber lookup, listing index): it must fit one, without control characters.
            InputLimits.requireIndexed("email", candidate);
        } catch (InvalidFieldException e) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(candidate, true);
            if (parsed.getPersonal() != null || !candidate.equals(parsed.getAddress())) {
                return Optional.empty();
            }
            return Optional.of(candidate);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    public static String domainOf(String normalisedEmail) {
        return normalisedEmail.substring(normalisedEmail.lastIndexOf('@') + 1);
    }

    /** The local part, which listmonk uses as the name of a subscriber created without one. */
    public static String localPartOf(String normalisedEmail) {
        return normalisedEmail.substring(0, normalisedEmail.lastIndexOf('@'));
    }
}
