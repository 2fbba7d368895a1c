package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.http.HttpResponse;
import io.stmails.store.ActionRecord;
import io.stmails.suppression.SuppressionReason;
import io.stmails.testing.LoopWorld;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** §1 of issue 14, the import: {@code POST /api/suppressions/import} and {@code GET /api/suppressions}. */
class SuppressionImportIT {

    @Test
    void theImportRecordsEveryListedAddressAsBlocklistedWithItsReasonAndDateAndResumes() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));
        AtomicLong step = new AtomicLong(0);
        LoopWorld world = new LoopWorld("{\"ses\": {\"suppression_sync\": true}}",
                () -> now.getAndUpdate(t -> t.plusSeconds(step.get())));
        Subscriber enabled = world.subscriber("listed@example.com");
        Subscriber blocklisted = world.subscriber("already@example.com");
        world.bounce(blocklisted, BounceType.HARD);
        world.deliver();
        world.standIn.put("listed@example.com", SuppressionReason.COMPLAINT);
        world.standIn.put("not an address", SuppressionReason.BOUNCE);
        for (int i = 0; i < 150; i++) {
            world.standIn.put("gone" + i + "@example.org", SuppressionReason.BOUNCE);
        }

        step.set(30);
        List<HttpResponse> calls = new ArrayList<>();
        String token = "";
        int created = 0;
        int read = 0;
        do {
            HttpResponse response = world.call("POST", "/api/suppressions/import",
                    token.isEmpty() ? "" : "next_token=" + token, "");
            calls.add(response);
            JsonNode progress = world.data(response);
            created += progress.path("created").asInt();
            read += progress.path("read").asInt();
            token = progress.path("next_token").isNull() ? "" : progress.path("next_token").asText();
            assertEquals(response.status() == 200, progress.path("done").asBoolean());
        } while (calls.get(calls.size() - 1).status() == 202);
        assertTrue(calls.size() >= 2, "a page per request once the budget is spent");
        assertEquals(153, read);
        assertEquals(150, created);

        Subscriber gone = world.services.subscribers().findByEmail("gone7@example.org").orElseThrow();
        assertEquals(SubscriberStatus.BLOCKLISTED, gone.status());
        ActionRecord record = world.services.history().actionsOf(gone.uuid()).get(0);
        assertEquals(BounceType.HARD, record.bounceType());
        assertEquals("ses-suppression-list", record.source());

        Subscriber listed = world.reload(enabled);
        assertEquals(SubscriberStatus.BLOCKLISTED, listed.status());
        assertEquals(SubscriptionStatus.UNSUBSCRIBED, listed.lists().get("1"));
        ActionRecord listedRecord = world.services.history().actionsOf(listed.uuid()).get(0);
        assertEquals(BounceType.COMPLAINT, listedRecord.bounceType());
        assertEquals(SubscriptionStatus.CONFIRMED, listedRecord.listsBefore().get("1"), "kept for a reactivation");
        assertEquals(1, world.services.history().actionsOf(blocklisted.uuid()).size(), "already blocklisted: left alone");
        assertEquals(List.of("put already@example.com BOUNCE"), world.suppression.calls(), "nothing put back");

        HttpResponse again = world.call("POST", "/api/suppressions/import", "", "");
        while (again.status() == 202) {
            again = world.call("POST", "/api/suppressions/import", "next_token="
                    + world.data(again).path("next_token").asText(), "");
        }
        assertEquals(0, world.data(again).path("created").asInt(), "a second import changes nothing");

        HttpResponse refused = world.call("POST", "/api/subscribers/" + listed.uuid() + "/reactivate", "", "");
        assertEquals(409, refused.status(), "imported as a complaint, so reactivation needs force");
        assertEquals(200, world.call("POST", "/api/subscribers/" + listed.uuid() + "/reactivate", "",
                "{\"force\": true}").status());
        assertEquals(Map.of("1", SubscriptionStatus.CONFIRMED, "2", SubscriptionStatus.UNCONFIRMED,
                "3", SubscriptionStatus.UNSUBSCRIBED), world.reload(enabled).lists());
    }

    @Test
    void theListIsPagedWithATokenAndABadTokenOrPageSizeIsA400() throws Exception {
        LoopWorld world = LoopWorld.synced();
        for (String email : List.of("a@example.com", "b@example.com", "c@example.com")) {
            world.standIn.put(email, SuppressionReason.BOUNCE);
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = world.data(world.call("GET", "/api/suppressions",
                    "per_page=2" + (token == null ? "" : "&next_token=" + token), ""));
            page.path("results").forEach(r -> seen.add(r.path("email").asText() + "=" + r.path("reason").asText()));
            token = page.path("next_token").isNull() ? null : page.path("next_token").asText();
        } while (token != null);
        assertEquals(List.of("a@example.com=BOUNCE", "b@example.com=BOUNCE", "c@example.com=BOUNCE"),
                seen.stream().sorted().toList());

        assertEquals(400, world.call("GET", "/api/suppressions", "next_token=%25%25", "").status());
        assertEquals(400, world.call("GET", "/api/suppressions", "per_page=0", "").status());
        assertEquals(400, world.call("POST", "/api/suppressions/import", "next_token=bm9wZQ", "").status());
    }
}
