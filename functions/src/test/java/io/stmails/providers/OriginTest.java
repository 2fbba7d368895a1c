package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginTest {
    private static final String CAMPAIGN = "6F1C2F0E-8A57-4B8E-9A3E-2F1D4C5B6A70";
    private static final String SUBSCRIBER = "0b7e7c3d-5a0e-4d2c-9a51-3f7f2e8a1c44";

    @ParameterizedTest
    @ValueSource(strings = {"campaign_uuid", "CampaignUuid", "campaign-uuid", "X-Listmonk-Campaign", "x-listmonk-campaign",
            "XListmonkCampaign", "x_listmonk_campaign", "X-Stmails-Campaign"})
    void campaignKeysMatchIgnoringCaseAndPunctuation(String key) {
        Origin origin = Origin.fromFields(json("{\"" + key + "\": \" " + CAMPAIGN + " \"}"));
        assertEquals(new Origin(CAMPAIGN.toLowerCase(java.util.Locale.ROOT), null), origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscriber_uuid", "X-Listmonk-Subscriber", "XListmonkSubscriber", "X-Stmails-Subscriber"})
    void subscriberKeys(String key) {
        assertEquals(new Origin(null, SUBSCRIBER), Origin.fromFields(json("{\"" + key + "\": \"" + SUBSCRIBER + "\"}")));
    }

    @Test
    void valuesThatAreNotUuidsAndUnrelatedKeysAreIgnored() {
        assertEquals(Origin.NONE, Origin.fromFields(json("{\"campaign_uuid\": \"march\", \"X-Listmonk-Subscriber\": 42,"
                + " \"campaign\": \"" + SUBSCRIBER + "\", \"X-Listmonk-Campaign\": null}")));
        assertEquals(Origin.NONE, Origin.fromFields(null));
        assertEquals(Origin.NONE, Origin.fromFields(json("\"text\"")));
        assertEquals(Origin.NONE, Origin.fromHeaderList(json("{}")));
    }

    @Test
    void headerListAndFallbackFillWhatIsMissing() {
        Origin fromHeaders = Origin.fromHeaderList(json("[{\"name\": \"X-Listmonk-Subscriber\", \"value\": \"" + SUBSCRIBER + "\"},"
                + " {\"name\": \"X-Listmonk-Campaign\", \"value\": \"\"}]"));
        Origin fromMetadata = Origin.fromFields(json("{\"X-Listmonk-Campaign\": \"" + CAMPAIGN + "\","
                + " \"subscriber_uuid\": \"11111111-2222-3333-4444-555555555555\"}"));
        assertEquals(new Origin(CAMPAIGN.toLowerCase(java.util.Locale.ROOT), SUBSCRIBER), fromHeaders.or(fromMetadata));
    }

    @Test
    void echoedTextIsAJsonObjectOrABareCampaignUuid() {
        String campaign = CAMPAIGN.toLowerCase(java.util.Locale.ROOT);
        assertEquals(new Origin(campaign, SUBSCRIBER), Origin.fromEcho(
                "{\"campaign_uuid\": \"" + CAMPAIGN + "\", \"subscriber_uuid\": \"" + SUBSCRIBER + "\"}"));
        assertEquals(new Origin(campaign, null), Origin.fromEcho(" {\"X-Listmonk-Campaign\":\"" + CAMPAIGN + "\"} "));
        assertEquals(new Origin(campaign, null), Origin.fromEcho(" " + CAMPAIGN + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "march-newsletter", "{not json", "[\"6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70\"]",
            "{\"campaign\": \"6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70\"}", "campaign_uuid=6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70"})
    void echoedTextWithoutAUsableUuidLinksNothing(String text) {
        assertEquals(Origin.NONE, Origin.fromEcho(text));
        assertEquals(Origin.NONE, Origin.fromEcho(null));
    }

    private static JsonNode json(String text) {
        try {
            return ProviderFixtures.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
