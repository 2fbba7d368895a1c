package io.stmails.mailbox.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The recipients of an RFC 3464 delivery status notification, each classified on its own fields and lines. */
final class DsnReading {
    private DsnReading() {
    }

    /** A DSN's failed and delayed recipients; null when it names none that can be used. */
    static Reading read(List<DeliveryReport.Recipient> dsn, String notes, Envelope envelope) {
        Map<String, BouncedRecipient> found = new LinkedHashMap<>();
        int notices = 0;
        for (DeliveryReport.Recipient fields : dsn) {
            String address = recipientAddress(fields);
            if (address == null) {
                continue;
            }
            String action = fields.action();
            String status = StatusCodes.normalise(fields.status());
            if (action.startsWith("deliver") || action.startsWith("relay") || action.startsWith("expand")
                    || (action.isEmpty() && status.startsWith("2"))) {
                notices++;
                continue;
            }
            boolean delayed = action.startsWith("delay") || (action.isEmpty() && envelope.delayNotice(notes));
            boolean sole = dsn.size() == 1;
            String diagnostic = DeliveryReport.valueAfterType(fields.diagnostic());
            String mention = BounceText.about(notes, address).diagnostic();
            String context = mention.isEmpty() && sole ? notes : mention;
            boolean quotedReply = !diagnostic.isEmpty();
            if (!quotedReply) {
                diagnostic = mention;
            }
            Classifier.Outcome outcome = Classifier.classify(new Evidence(addressesOf(fields), status, diagnostic,
                    DeliveryReport.typeOf(fields.diagnostic()), quotedReply, context, delayed, sole || !mention.isEmpty(),
                    PowerMtaCategory.reason(fields.category())));
            String remote = DeliveryReport.valueAfterType(fields.remoteMta());
            String written = Addresses.asWritten(address, fields.finalRecipient(), fields.originalRecipient());
            found.putIfAbsent(written, BouncedRecipient.of(written, outcome, diagnostic,
                    remote.isEmpty() ? BouncedRecipient.remoteHostIn(diagnostic + " " + context) : remote, delayed));
        }
        if (!found.isEmpty()) {
            return new Reading(Verdict.BOUNCE, new ArrayList<>(found.values()), "delivery status notification");
        }
        return notices > 0 ? Reading.none(Verdict.NOT_BOUNCE, "delivery notice (delivered, relayed or expanded)") : null;
    }

    private static Set<String> addressesOf(DeliveryReport.Recipient fields) {
        Set<String> addresses = new HashSet<>();
        for (String field : new String[] {fields.finalRecipient(), fields.originalRecipient(), fields.actualRecipient()}) {
            String address = Addresses.ofRecipientField(DeliveryReport.valueAfterType(field));
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** Final-Recipient when it is an address, else Original-Recipient. */
    private static String recipientAddress(DeliveryReport.Recipient fields) {
        for (String field : new String[] {fields.finalRecipient(), fields.originalRecipient()}) {
            String value = DeliveryReport.valueAfterType(field);
            if (!value.isEmpty() && !value.startsWith("|") && !value.startsWith("\"|")) {
                String address = Addresses.ofRecipientField(value);
                if (address != null) {
                    return address;
                }
            }
        }
        return null;
    }
}
