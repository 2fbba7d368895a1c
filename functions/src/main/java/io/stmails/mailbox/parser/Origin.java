package io.stmails.mailbox.parser;

import io.stmails.domain.OriginHeaders;
import io.stmails.domain.Uuids;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which subscriber and campaign a bounce is about: the X-Stmails-* / X-Listmonk-* headers of the
 * returned message (or anywhere in the raw text, for bounces that quote the message without MIME),
 * else a VERP return path such as {@code bounces+<subscriber uuid>@example.com}.
 */
final class Origin {
    record Ids(String subscriberUuid, String campaignUuid) {
    }

    private static final String[] SUBSCRIBER_HEADERS = OriginHeaders.SUBSCRIBER.toArray(String[]::new);
    private static final String[] CAMPAIGN_HEADERS = OriginHeaders.CAMPAIGN.toArray(String[]::new);
    private static final Pattern SUBSCRIBER_LINE = Pattern.compile(
            "(?im)^[ \\t>]*X-(?:Stmails|Listmonk)-Subscriber:[ \\t]*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");
    private static final Pattern CAMPAIGN_LINE = Pattern.compile(
            "(?im)^[ \\t>]*X-(?:Stmails|Listmonk)-Campaign:[ \\t]*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");
    private static final String[] DELIVERY_HEADERS = {"To", "Delivered-To", "X-Original-To", "Envelope-To",
            "X-Envelope-To"};

    private Origin() {
    }

    static Ids find(MailParts parts, byte[] raw, Pattern verp) throws MessagingException {
        String subscriber = fromHeaders(parts.returnedHeaders, SUBSCRIBER_HEADERS);
        String campaign = fromHeaders(parts.returnedHeaders, CAMPAIGN_HEADERS);
        if ((subscriber == null || campaign == null) && mentionsListHeaders(raw)) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            if (subscriber == null) {
                subscriber = lastMatch(SUBSCRIBER_LINE, text);
            }
            if (campaign == null) {
                campaign = lastMatch(CAMPAIGN_LINE, text);
            }
        }
        if (subscriber == null && verp != null) {
            Matcher matcher = matchVerp(parts, verp);
            if (matcher != null) {
                subscriber = group(matcher, "subscriber");
                if (campaign == null) {
                    campaign = group(matcher, "campaign");
                }
            }
        }
        return new Ids(subscriber, campaign);
    }

    /** Whether "stmails-" or "listmonk-" occurs at all, in any case: most bounces can skip the line search. */
    private static boolean mentionsListHeaders(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '-' && (regionIs(raw, i - 7, "stmails") || regionIs(raw, i - 8, "listmonk"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionIs(byte[] raw, int at, String lower) {
        if (at < 0 || at + lower.length() > raw.length) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if (Character.toLowerCase((char) raw[at + k]) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static String fromHeaders(List<InternetHeaders> blocks, String[] names) {
        for (InternetHeaders headers : blocks) {
            for (String name : names) {
                String value = headers.getHeader(name, null);
                if (value != null && Uuids.isWellFormed(value.trim())) {
                    return value.trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    private static String lastMatch(Pattern pattern, String text) {
        if (text.indexOf('-') < 0) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1).toLowerCase(Locale.ROOT);
        }
        return last;
    }

    /** The bounce's delivery addresses (where the bounce was sent: the VERP address) and the returned Return-Path. */
    private static Matcher matchVerp(MailParts parts, Pattern verp) throws MessagingException {
        List<String> candidates = new ArrayList<>();
        MimeMessage message = parts.message;
        for (String name : DELIVERY_HEADERS) {
            String[] values = message.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    candidates.addAll(Addresses.ofHeader(value));
                }
            }
        }
        for (InternetHeaders headers : parts.returnedHeaders) {
            candidates.addAll(Addresses.ofHeader(headers.getHeader("Return-Path", null)));
        }
        for (String candidate : candidates) {
            Matcher matcher = verp.matcher(candidate);
            if (matcher.find() && Uuids.isWellFormed(group(matcher, "subscriber"))) {
                return matcher;
            }
        }
        return null;
    }

    private static String group(Matcher matcher, String name) {
        try {
            String value = matcher.group(name);
            return value != null && Uuids.isWellFormed(value) ? value.toLowerCase(Locale.ROOT) : null;
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }
}
