package io.stmails.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Damage to a raw mail as broken MTAs, truncating relays and attackers produce it: flipped and
 * inserted bytes, cut messages, lost or mixed line endings, repeated header lines, broken MIME
 * boundaries and charsets, giant lines, NUL bytes. Positions are taken modulo the message's length.
 */
public record MailMutation(List<Edit> edits) {
    /** Larger than any bounce, far below what would make a scan slow for its size alone. */
    static final int MAX_GROWTH_BYTES = 1024 * 1024;

    public enum Kind { FLIP_BYTE, INSERT_BYTES, DELETE_RANGE, TRUNCATE, BARE_LF, BARE_CR, REPEAT_LINE, BREAK_BOUNDARY,
        BOGUS_CHARSET, GIANT_LINE, NUL_BYTES, BINARY_GARBAGE }

    public record Edit(Kind kind, int position, int amount) {
    }

    public static Arbitrary<MailMutation> any() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 4096)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4).map(MailMutation::new);
    }

    public byte[] apply(byte[] original) {
        byte[] mail = original;
        for (Edit edit : edits) {
            mail = apply(edit, mail);
        }
        return mail;
    }

    private static byte[] apply(Edit edit, byte[] mail) {
        int at = mail.length == 0 ? 0 : edit.position() % mail.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(mail, StandardCharsets.ISO_8859_1);
        switch (edit.kind()) {
            case FLIP_BYTE -> {
                byte[] copy = mail.clone();
                if (copy.length > 0) {
                    copy[at] ^= (byte) (1 << (edit.amount() % 8));
                }
                return copy;
            }
            case INSERT_BYTES -> {
                out.write(mail, 0, at);
                for (int i = 0; i < Math.min(edit.amount(), 64); i++) {
                    out.write((edit.position() >>> (i % 24)) + i * 31);
                }
                out.write(mail, at, mail.length - at);
            }
            case DELETE_RANGE -> {
                out.write(mail, 0, at);
                int end = Math.min(mail.length, at + edit.amount());
                out.write(mail, end, mail.length - end);
            }
            case TRUNCATE -> out.write(mail, 0, at);
            case BARE_LF -> {
                return latin1(text.replace("\r\n", "\n"));
            }
            case BARE_CR -> {
                return latin1(text.replace("\r\n", "\r").replace("\n", "\r"));
            }
            case REPEAT_LINE -> {
                int start = text.lastIndexOf('\n', at) + 1;
                int end = text.indexOf('\n', at);
                String line = text.substring(start, end < 0 ? text.length() : end + 1);
                int times = Math.min(edit.amount(), MAX_GROWTH_BYTES / Math.max(1, line.length()));
                return latin1(text.substring(0, start) + line.repeat(times) + text.substring(start));
            }
            case BREAK_BOUNDARY -> {
                return latin1(text.replaceFirst("(?i)boundary=\"?([^\";\\r\\n]+)\"?",
                        edit.amount() % 3 == 0 ? "boundary=\"\"" : edit.amount() % 3 == 1 ? "boundary=\"x\"" : "boundary=\"$1$1\""));
            }
            case BOGUS_CHARSET -> {
                return latin1(text.replaceAll("(?i)charset=\"?[a-z0-9_-]+\"?",
                        edit.amount() % 2 == 0 ? "charset=\"x-no-such-charset\"" : "charset=\"utf-7\""));
            }
            case GIANT_LINE -> {
                out.write(mail, 0, at);
                out.writeBytes(latin1("X".repeat(edit.amount() * 64)));
                out.write(mail, at, mail.length - at);
            }
            case NUL_BYTES -> {
                out.write(mail, 0, at);
                out.writeBytes(new byte[Math.min(edit.amount(), 256)]);
                out.write(mail, at, mail.length - at);
            }
            case BINARY_GARBAGE -> {
                out.write(mail, 0, at);
                java.util.Random random = new java.util.Random(edit.position());
                byte[] garbage = new byte[edit.amount()];
                random.nextBytes(garbage);
                out.writeBytes(garbage);
                out.write(mail, at, mail.length - at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
