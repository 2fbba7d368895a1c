package io.stmails.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.ses.notification.InvalidSesEventException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SesEventMapperTest {
    private static final String CAMPAIGN = "5e1f2a3b-6c7d-4e8f-9a0b-1c2d3e4f5a6b";
    private static final String OTHER_CAMPAIGN = "9a4c7e21-3b5d-4f60-8e1a-2c3b4d5e6f70";
    private static final String SUBSCRIBER = "0b7d1c55-2d0c-4f8e-8a55-3f1e9b6c2a10";
    private static final Instant ENVELOPE_TIME = Instant.parse("2026-03-02T10:15:31.877Z");

    private final ObjectMapper json = new ObjectMapper();
    private final SesEventMapper mapper = new SesEventMapper("campaign", json);

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "Permanent,    General,                  5.1.1, hard",
            "Permanent,    NoEmail,                  -,     hard",
            "Permanent,    Suppressed,               -,     hard",
            "Permanent,    OnAccountSuppressionList, -,     hard",
            "Permanent,    General,                  4.4.7, hard",
            "Transient,    General,                  4.4.7, soft",
            "Transient,    MailboxFull,              4.2.2, soft",
            "Transient,    MessageTooLarge,          5.3.4, soft",
            "Transient,    ContentRejected,          5.7.1, soft",
            "Transient,    AttachmentRejected,       -,     soft",
            "Transient,    General,                  5.1.0, hard",
            "Transient,    General,                  5.1.1, hard",
            "Transient,    General,                  5.1.2, hard",
            "Transient,    General,                  5.1.3, hard",
            "Transient,    General,                  5.1.6, hard",
            "Transient,    General,                  5.1.10, hard",
            "Transient,    General,                  5.4.4, hard",
            "Transient,    General,                  ' 5.1.1 ', hard",
            "Transient,    General,                  5.1.7, soft",
            "Transient,    General,                  5.1.8, soft",
            "Transient,    General,                  4.1.1, soft",
            "Undetermined, Undetermined,             -,     soft",
            "Undetermined, Undetermined,             5.1.1, soft",
            "Temporary,    General,                  -,     soft",
            "-,            -,                        -,     soft"})
    void bounceTypeMapping(String bounceType, String subType, String status, String expected) {
        List<BounceEvent> events = mapper.map(bounce(bounceType, subType, recipient("a@example.com", status)),
                ENVELOPE_TIME).bounces();
        assertEquals(1, events.size());
        assertEquals(expected, events.get(0).type().wire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Suppressed", "OnAccountSuppressionList"})
    void suppressionSubtypesAreMarked(String subType) {
        JsonNode meta = meta(single(bounce("Permanent", subType, recipient("a@example.com", null))));
        assertTrue(meta.path("suppressed").asBoolean());
        assertFalse(meta(single(bounce("Permanent", "General", recipient("a@example.com", null)))).has("suppressed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abuse", "auth-failure", "fraud", "other", "virus", "ABSENT"})
    void complaintsOfEveryFeedbackType(String feedbackType) {
        ObjectNode event = complaint("ABSENT".equals(feedbackType) ? null : feedbackType, null);
        BounceEvent complaint = single(event);
        assertEquals(BounceType.COMPLAINT, complaint.type());
        assertEquals("reader@example.com", complaint.email());
        if (!"ABSENT".equals(feedbackType)) {
            assertEquals(feedbackType, meta(complaint).path("complaint_feedback_type").asText());
        }
    }

    @Test
    void notSpamFeedbackIsNotAComplaint() {
        SesEventMapper.Mapping mapping = mapper.map(complaint("not-spam", null), ENVELOPE_TIME);
        assertEquals(List.of(), mapping.bounces());
        assertTrue(mapping.notRecorded().get(0).contains("not-spam"), mapping.notRecorded().toString());
    }

    @Test
    void accountSuppressionComplaintIsAMarkedComplaint() {
        BounceEvent complaint = single(complaint(null, "OnAccountSuppressionList"));
        assertEquals(BounceType.COMPLAINT, complaint.type());
        assertTrue(meta(complaint).path("suppressed").asBoolean());
        assertEquals("OnAccountSuppressionList", meta(complaint).path("complaint_subtype").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Delivery", "Send", "Reject", "Open", "Click", "Rendering Failure", "DeliveryDelay",
            "Subscription", "SomethingNew"})
    void otherEventsAreIgnoredWithAReason(String kind) {
        for (String field : new String[] {"eventType", "notificationType"}) {
            ObjectNode event = json.createObjectNode().put(field, kind);
            event.putObject("mail").put("messageId", "m-1");
            SesEventMapper.Mapping mapping = mapper.map(event, ENVELOPE_TIME);
            assertEquals(List.of(), mapping.bounces());
            assertEquals(List.of("SES " + kind + " event: nothing to record"), mapping.notRecorded());
        }
    }

    @Test
    void configurationSetEventsUseEventType() {
        ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", "5.1.1"));
        event.remove("notificationType");
        event.put("eventType", "Bounce");
        assertEquals(BounceType.HARD, single(event).type());
        assertEquals("Bounce", meta(single(event)).path("ses_event").asText());
    }

    @Test
    void unreadableEventsAreErrors() {
        assertThrows(InvalidSesEventException.class, () -> mapper.map(json.createObjectNode(), ENVELOPE_TIME));
        assertThrows(InvalidSesEventException.class, () -> mapper.map(json.createArrayNode(), ENVELOPE_TIME));
        assertThrows(InvalidSesEventException.class,
                () -> mapper.map(json.createObjectNode().put("notificationType", "Bounce"), ENVELOPE_TIME));
        ObjectNode noRecipients = bounce("Permanent", "General");
        ((ObjectNode) noRecipients.get("bounce")).remove("bouncedRecipients");
        assertThrows(InvalidSesEventException.class, () -> mapper.map(noRecipients, ENVELOPE_TIME));
        ObjectNode noComplaint = json.createObjectNode().put("notificationType", "Complaint");
        assertThrows(InvalidSesEventException.class, () -> mapper.map(noComplaint, ENVELOPE_TIME));
    }

    @Test
    void recipientsComeFromTheBounceNeverFromTheDestination() {
        ObjectNode event = bounce("Permanent", "General", recipient("carol@example.com", "5.1.1"));
        destination(event, "alice@example.com", "bob@example.com", "carol@example.com");
        List<BounceEvent> events = mapper.map(event, ENVELOPE_TIME).bounces();
        assertEquals(List.of("carol@example.com"), events.stream().map(BounceEvent::email).toList());
    }

    @Test
    void oneBouncePerRecipientEachWithItsOwnType() {
        ObjectNode event = bounce("Transient", "General", recipient("Alice@Example.COM", "5.1.1"),
                recipient("bob@example.com", "4.4.7"), recipient("Carol <carol@example.com>", null),
                recipient("not an address", null));
        destination(event, "alice@example.com", "bob@example.com", "carol@example.com", "x@example.com");
        SesEventMapper.Mapping mapping = mapper.map(event, ENVELOPE_TIME);
        assertEquals(List.of("alice@example.com", "bob@example.com", "carol@example.com"),
                mapping.bounces().stream().map(BounceEvent::email).toList());
        assertEquals(List.of(BounceType.HARD, BounceType.SOFT, BounceType.SOFT),
                mapping.bounces().stream().map(BounceEvent::type).toList());
        assertEquals(List.of("bouncedRecipients: 'not an address' is not an e-mail address"), mapping.notRecorded());
    }

    @Test
    void metaKeepsWhatTheReportSays() {
        BounceEvent bounce = single(bounce("Permanent", "General", recipient("a@example.com", "5.1.1")));
        JsonNode meta = meta(bounce);
        assertEquals("Bounce", meta.path("ses_event").asText());
        assertEquals("msg-1", meta.path("ses_message_id").asText());
        assertEquals("feedback-1", meta.path("feedback_id").asText());
        assertEquals("Permanent", meta.path("bounce_type").asText());
        assertEquals("General", meta.path("bounce_subtype").asText());
        assertEquals("failed", meta.path("action").asText());
        assertEquals("5.1.1", meta.path("status").asText());
        assertEquals("smtp; 550 5.1.1 user unknown", meta.path("diagnostic_code").asText());
        assertEquals("dns; a8-70.smtp-out.amazonses.com", meta.path("reporting_mta").asText());
        assertEquals("203.0.113.25", meta.path("remote_mta_ip").asText());
        assertEquals("ses", bounce.source());
    }

    @Test
    void theReasonIsWhatSesSaidAndTheEvidenceIsItsBounceOrComplaintObject() throws Exception {
        ObjectNode event = bounce("Transient", "MailboxFull", recipient("a@example.com", "4.2.2"));
        BounceEvent bounce = single(event);
        assertEquals("Transient/MailboxFull", bounce.reason());
        assertEquals(json.createObjectNode().set("bounce", event.get("bounce")), json.readTree(bounce.evidence()));

        ObjectNode report = complaint("abuse", null);
        BounceEvent complaint = single(report);
        assertEquals("abuse", complaint.reason());
        assertEquals(report.get("complaint"), json.readTree(complaint.evidence()).get("complaint"));
        assertEquals("complaint", single(complaint(null, null)).reason(), "SES often sends no feedback type");
        assertEquals("OnAccountSuppressionList", single(complaint(null, "OnAccountSuppressionList")).reason());
    }

    @Test
    void complaintMetaKeepsTheFeedbackReport() {
        JsonNode meta = meta(single(complaint("abuse", null)));
        assertEquals("Complaint", meta.path("ses_event").asText());
        assertEquals("complaint-1", meta.path("feedback_id").asText());
        assertEquals("Yahoo!-Mail-Feedback/2.0", meta.path("user_agent").asText());
        assertEquals("2026-03-02T10:15:33.000Z", meta.path("arrival_date").asText());
    }

    @Test
    void campaignFromTheStmailsOrListmonkHeaderWhateverTheCase() {
        for (String name : new String[] {"X-Stmails-Campaign", "x-stmails-campaign", "X-Listmonk-Campaign",
                "X-LISTMONK-CAMPAIGN"}) {
            ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null));
            header(event, name, CAMPAIGN.toUpperCase());
            assertEquals(CAMPAIGN, single(event).campaignUuid(), name);
        }
    }

    @Test
    void stmailsHeaderWinsOverListmonkHeaderAndHeadersOverTags() {
        ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null));
        header(event, "X-Listmonk-Campaign", OTHER_CAMPAIGN);
        header(event, "X-Stmails-Campaign", CAMPAIGN);
        tag(event, "campaign", OTHER_CAMPAIGN);
        assertEquals(CAMPAIGN, single(event).campaignUuid());
    }

    @Test
    void campaignFromTheConfiguredTagWhenNoHeaderHasIt() {
        ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null));
        ((ObjectNode) event.get("mail")).put("headersTruncated", true);
        header(event, "X-Stmails-Campaign", "not-a-uuid");
        tag(event, "campaign", CAMPAIGN);
        assertEquals(CAMPAIGN, single(event).campaignUuid());
        assertNull(new SesEventMapper(null, json).map(event, ENVELOPE_TIME).bounces().get(0).campaignUuid(),
                "no tag is read unless one is configured");
        assertNull(new SesEventMapper("other-tag", json).map(event, ENVELOPE_TIME).bounces().get(0).campaignUuid());
    }

    @Test
    void noCampaignWhenNothingCarriesOne() {
        ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null));
        tag(event, "campaign", "spring-sale");
        assertNull(single(event).campaignUuid());
    }

    @Test
    void subscriberFromTheStmailsOrListmonkHeader() {
        for (String name : new String[] {"X-Stmails-Subscriber", "x-listmonk-subscriber"}) {
            ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null));
            destination(event, "a@example.com");
            header(event, name, SUBSCRIBER);
            BounceEvent bounce = single(event);
            assertEquals(SUBSCRIBER, bounce.subscriberUuid(), name);
            assertEquals("a@example.com", bounce.email(), "the address stays as the fallback");
        }
    }

    @Test
    void subscriberIsTheRecipientAddressWithoutHeaderOrWithSeveralDestinations() {
        ObjectNode plain = bounce("Permanent", "General", recipient("a@example.com", null));
        assertNull(single(plain).subscriberUuid());
        ObjectNode shared = bounce("Permanent", "General", recipient("b@example.com", null));
        destination(shared, "a@example.com", "b@example.com");
        header(shared, "X-Stmails-Subscriber", SUBSCRIBER);
        assertNull(single(shared).subscriberUuid(), "the header cannot tell which of two recipients it names");
        assertEquals("b@example.com", single(shared).email());
    }

    @Test
    void dedupeKeyIsFeedbackIdAndRecipientOnEveryDelivery() {
        ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null), recipient("b@example.com", null));
        List<BounceEvent> first = mapper.map(event, ENVELOPE_TIME).bounces();
        List<BounceEvent> again = mapper.map(event.deepCopy(), ENVELOPE_TIME.plusSeconds(3600)).bounces();
        assertEquals(List.of("ses:feedback-1:a@example.com", "ses:feedback-1:b@example.com"),
                first.stream().map(BounceEvent::dedupeKey).toList());
        assertEquals(first.stream().map(BounceEvent::dedupeKey).toList(),
                again.stream().map(BounceEvent::dedupeKey).toList());
        ObjectNode noFeedbackId = bounce("Permanent", "General", recipient("a@example.com", null));
        ((ObjectNode) noFeedbackId.get("bounce")).remove("feedbackId");
        assertEquals("ses:bounce:msg-1:a@example.com", single(noFeedbackId).dedupeKey());
    }

    @Test
    void occurredAtIsTheReportTimeThenTheEnvelopeThenTheSendTime() {
        ObjectNode event = bounce("Permanent", "General", recipient("a@example.com", null));
        assertEquals(Instant.parse("2026-03-02T10:15:31.402Z"), single(event).occurredAt());
        ((ObjectNode) event.get("bounce")).put("timestamp", "yesterday");
        assertEquals(ENVELOPE_TIME, single(event).occurredAt());
        assertEquals(Instant.parse("2026-03-02T10:15:30Z"), mapper.map(event, null).bounces().get(0).occurredAt());
        assertEquals(Instant.parse("2026-03-03T08:40:11Z"), single(complaint("abuse", null)).occurredAt());
    }

    private BounceEvent single(JsonNode event) {
        List<BounceEvent> events = mapper.map(event, ENVELOPE_TIME).bounces();
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private JsonNode meta(BounceEvent event) {
        try {
            return json.readTree(event.metaJson());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ObjectNode bounce(String bounceType, String subType, ObjectNode... recipients) {
        ObjectNode event = json.createObjectNode().put("notificationType", "Bounce");
        ObjectNode bounce = event.putObject("bounce").put("feedbackId", "feedback-1")
                .put("timestamp", "2026-03-02T10:15:31.402Z").put("remoteMtaIp", "203.0.113.25")
                .put("reportingMTA", "dns; a8-70.smtp-out.amazonses.com");
        if (bounceType != null) {
            bounce.put("bounceType", bounceType);
        }
        if (subType != null) {
            bounce.put("bounceSubType", subType);
        }
        ArrayNode list = bounce.putArray("bouncedRecipients");
        for (ObjectNode recipient : recipients) {
            list.add(recipient);
        }
        mail(event);
        return event;
    }

    private ObjectNode complaint(String feedbackType, String subType) {
        ObjectNode event = json.createObjectNode().put("notificationType", "Complaint");
        ObjectNode complaint = event.putObject("complaint").put("feedbackId", "complaint-1")
                .put("timestamp", "2026-03-03T08:40:11.000Z").put("userAgent", "Yahoo!-Mail-Feedback/2.0")
                .put("arrivalDate", "2026-03-02T10:15:33.000Z");
        complaint.put("complaintFeedbackType", feedbackType);
        complaint.put("complaintSubType", subType);
        complaint.putArray("complainedRecipients").addObject().put("emailAddress", "reader@example.com");
        mail(event);
        return event;
    }

    private void mail(ObjectNode event) {
        ObjectNode mail = event.putObject("mail").put("timestamp", "2026-03-02T10:15:30.000Z").put("messageId", "msg-1")
                .put("headersTruncated", false);
        mail.putArray("headers").addObject().put("name", "From").put("value", "news@stmails.example");
    }

    private ObjectNode recipient(String address, String status) {
        ObjectNode recipient = json.createObjectNode().put("emailAddress", address).put("action", "failed");
        if (status != null) {
            recipient.put("status", status).put("diagnosticCode", "smtp; 550 " + status.trim() + " user unknown");
        }
        return recipient;
    }

    private static void destination(ObjectNode event, String... addresses) {
        ArrayNode destination = ((ObjectNode) event.get("mail")).putArray("destination");
        for (String address : addresses) {
            destination.add(address);
        }
    }

    private static void header(ObjectNode event, String name, String value) {
        ((ArrayNode) event.get("mail").get("headers")).addObject().put("name", name).put("value", value);
    }

    private static void tag(ObjectNode event, String name, String value) {
        ObjectNode mail = (ObjectNode) event.get("mail");
        ObjectNode tags = mail.has("tags") ? (ObjectNode) mail.get("tags") : mail.putObject("tags");
        tags.putArray(name).add(value);
        tags.putArray("ses:configuration-set").add("stmails");
    }
}
