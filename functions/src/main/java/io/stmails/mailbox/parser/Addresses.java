package io.stmails.mailbox.parser;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses in free text and in header fields. */
final class Addresses {
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-=!#$&'*^`{|}~@/])"
                    + "([A-Za-z0-9_%+\\-=!#$&'*^`{|}~][A-Za-z0-9._%+\\-=!#$&'*^`{|}~]*"
                    + "@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)*"
                    + "\\.[A-Za-z]{2,63})(?![A-Za-z0-9\\-@])");
    /** RFC 6533 utf-8-addr-xtext: a non-ASCII character written {@code \x{HHHH}}. */
    private static final Pattern UTF8_XTEXT = Pattern.compile("\\\\x\\{([0-9A-Fa-f]{1,6})\\}");
    /** A whole field value that is one address, of any script (RFC 6531 SMTPUTF8). */
    private static final Pattern WHOLE_ADDRESS = Pattern.compile("<?([^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\".]+)>?");
    /** Local parts that belong to mail systems, not to people a list mails. */
    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "mailer_daemon", "mailerdaemon",
            "mail-daemon", "postmaster", "double-bounce");

    private Addresses() {
    }

    /** Every address in the text, lower-cased, in order (repeats included). */
    static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        if (text.indexOf('@') < 0) {
            return found;
        }
        Matcher matcher = ADDRESS.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return found;
    }

    /**
     * The address a DSN recipient field ({@code Final-Recipient}, {@code Original-Recipient}) holds, its
     * type removed: RFC 6533 {@code utf-8} values may hold any script, written raw or as {@code \x{HHHH}};
     * free text only ever yields ASCII addresses, as a non-ASCII neighbour cannot be told from the address.
     */
    static String ofRecipientField(String value) {
        String decoded = decodeUtf8Xtext(value.trim());
        if (decoded.chars().anyMatch(c -> c >= 0x80)) {
            Matcher whole = WHOLE_ADDRESS.matcher(decoded);
            if (whole.matches()) {
                return whole.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return first(decoded);
    }

    private static String decodeUtf8Xtext(String value) {
        if (value.indexOf("\\x{") < 0) {
            return value;
        }
        return UTF8_XTEXT.matcher(value).replaceAll(m -> {
            int codePoint = Integer.parseInt(m.group(1), 16);
            return Matcher.quoteReplacement(Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : m.group());
        });
    }

    /**
     * The address as the text writes it: the local part's case kept (RFC 5321 2.4: only the receiving
     * host may fold it), the domain lower-cased, from the first text that holds it; the lower-cased address
     * itself when none does.
     */
    static String asWritten(String lowerAddress, String... texts) {
        int at = lowerAddress.lastIndexOf('@');
        for (String text : texts) {
            for (int i = text.indexOf('@'); i >= 0 && at > 0; i = text.indexOf('@', i + 1)) {
                int start = i - at;
                if (start >= 0 && (start == 0 || !isLocalPartChar(text.charAt(start - 1)))
                        && text.regionMatches(true, start, lowerAddress, 0, lowerAddress.length())) {
                    return text.substring(start, i) + lowerAddress.substring(at);
                }
            }
        }
        return lowerAddress;
    }

    private static boolean isLocalPartChar(char c) {
        return Character.isLetterOrDigit(c) || "._%+-=!#$&'*^`{|}~".indexOf(c) >= 0;
    }

    /** The first address in the text, or null. */
    static String first(String text) {
        List<String> found = in(text);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The addresses of an address-list header value ("A <a@x>, b@y"), lower-cased; unparseable entries are read as text. */
    static List<String> ofHeader(String value) {
        List<String> found = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return found;
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                String plain = address.getAddress();
                if (plain != null && plain.indexOf('@') > 0) {
                    found.add(plain.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (AddressException unparseable) {
            found.addAll(in(value));
        }
        return found;
    }

    static boolean isSystem(String address) {
        int at = address.indexOf('@');
        return at > 0 && SYSTEM_LOCAL_PARTS.contains(address.substring(0, at));
    }
}
