package io.stmails.mailbox.parser;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recipient a VERP return path encodes: variable envelope return paths as Postfix ({@code
 * default_verp_delimiters = +=}), Mailman and list managers write them, {@code
 * bounces+ann=example.com@lists.example.org} for {@code ann@example.com}. A bounce is delivered to
 * that address, so its delivery headers say whom it is about even when its text names nobody.
 */
final class VerpRecipient {
    /** Prefix, the first {@code +}, the recipient's local part, the last {@code =}, its domain, then {@code @} the list's host. */
    private static final Pattern VERP = Pattern.compile(
            "[^@+=]+\\+([^@]+)=([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)@[^@]+");
    private static final String[] DELIVERY_HEADERS = {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To"};

    private VerpRecipient() {
    }

    /** The recipient decoded from the first VERP delivery address, or null. */
    static String in(MimeMessage message) throws MessagingException {
        for (String name : DELIVERY_HEADERS) {
            String[] values = message.getHeader(name);
            for (String value : values == null ? new String[0] : values) {
                if (value.indexOf('=') >= 0) {
                    String recipient = decode(value);
                    if (recipient != null) {
                        return recipient;
                    }
                }
            }
        }
        return null;
    }

    private static String decode(String headerValue) {
        try {
            for (InternetAddress address : InternetAddress.parseHeader(headerValue, false)) {
                Matcher matcher = VERP.matcher(address.getAddress() == null ? "" : address.getAddress().trim());
                if (matcher.matches()) {
                    return matcher.group(1) + "@" + matcher.group(2).toLowerCase(Locale.ROOT);
                }
            }
        } catch (AddressException unparseable) {
            return null;
        }
        return null;
    }
}
