package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkTest {
    private static final String CAMPAIGN = "6F1C2F0E-8A57-4B8E-9A3E-2F1D4C5B6A70";
    private static final String SUBSCRIBER = "0b7e7c3d-5a0e-4d2c-9a51-3f7f2e8a1c44";

    @ParameterizedTest
    @ValueSource(strings = {"campaign_uuid", "CampaignUuid", "campaign-uuid", "X-Listmonk-Campaign", "x-listmonk-campaign",
            "XListmonkCampaign", "x_listmonk_campaign"})
    void campaignKeysMatchIgnoringCaseAndPunctuation(String key) {
        Link link = Link.fromFields(json("{\"" + key + "\": \" " + CAMPAIGN + " \"}"));
        assertEquals(new Link(CAMPAIGN.toLowerCase(java.util.Locale.ROOT), null), link);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscriber_uuid", "X-Listmonk-Subscriber", "XListmonkSubscriber"})
    void subscriberKeys(String key) {
        assertEquals(new Link(null, SUBSCRIBER), Link.fromFields(json("{\"" + key + "\": \"" + SUBSCRIBER + "\"}")));
    }

    @Test
    void valuesThatAreNotUuidsAndUnrelatedKeysAreIgnored() {
        assertEquals(Link.NONE, Link.fromFields(json("{\"campaign_uuid\": \"march\", \"X-Listmonk-Subscriber\": 42,"
                + " \"campaign\": \"" + SUBSCRIBER + "\", \"X-Listmonk-Campaign\": null}")));
        assertEquals(Link.NONE, Link.fromFields(null));
        assertEquals(Link.NONE, Link.fromFields(json("\"text\"")));
        assertEquals(Link.NONE, Link.fromHeaderList(json("{}")));
    }

    @Test
    void headerListAndFallbackFillWhatIsMissing() {
        Link fromHeaders = Link.fromHeaderList(json("[{\"name\": \"X-Listmonk-Subscriber\", \"value\": \"" + SUBSCRIBER + "\"},"
                + " {\"name\": \"X-Listmonk-Campaign\", \"value\": \"\"}]"));
        Link fromMetadata = Link.fromFields(json("{\"X-Listmonk-Campaign\": \"" + CAMPAIGN + "\","
                + " \"subscriber_uuid\": \"11111111-2222-3333-4444-555555555555\"}"));
        assertEquals(new Link(CAMPAIGN.toLowerCase(java.util.Locale.ROOT), SUBSCRIBER), fromHeaders.or(fromMetadata));
    }

    @Test
    void echoedTextIsAJsonObjectOrABareCampaignUuid() {
        String campaign = CAMPAIGN.toLowerCase(java.util.Locale.ROOT);
        assertEquals(new Link(campaign, SUBSCRIBER), Link.fromEcho(
                "{\"campaign_uuid\": \"" + CAMPAIGN + "\", \"subscriber_uuid\": \"" + SUBSCRIBER + "\"}"));
        assertEquals(new Link(campaign, null), Link.fromEcho(" {\"X-Listmonk-Campaign\":\"" + CAMPAIGN + "\"} "));
        assertEquals(new Link(campaign, null), Link.fromEcho(" " + CAMPAIGN + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "march-newsletter", "{not json", "[\"6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70\"]",
            "{\"campaign\": \"6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70\"}", "campaign_uuid=6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70"})
    void echoedTextWithoutAUsableUuidLinksNothing(String text) {
        assertEquals(Link.NONE, Link.fromEcho(text));
        assertEquals(Link.NONE, Link.fromEcho(null));
    }

    private static JsonNode json(String text) {
        try {
            return ProviderFixtures.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
