package io.stmails.providers;

import static io.stmails.providers.ProviderFixtures.providerRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.providers.azure.Azure;
import io.stmails.providers.brevo.Brevo;
import io.stmails.providers.forwardemail.ForwardEmail;
import io.stmails.providers.lettermint.Lettermint;
import io.stmails.providers.mailgun.Mailgun;
import io.stmails.providers.mailjet.Mailjet;
import io.stmails.providers.postmark.Postmark;
import io.stmails.providers.resend.Resend;
import io.stmails.providers.sendgrid.SendGrid;
import io.stmails.providers.sparkpost.SparkPost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every provider says why: its event type (and subtype or class) as the reason, its event object as evidence. */
class ProviderReasonTest {

    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource({
        "sendgrid, bounce, 'bounce/Invalid Address'",
        "brevo, hard-bounce, 'hard_bounce'",
        "resend, bounced-permanent, 'email.bounced/Permanent/General'",
        "mailjet, bounce-hard, 'bounce/recipient/user unknown'",
        "postmark, bounce-hard, 'Bounce/HardBounce'",
        "lettermint, hard-bounced, 'message.hard_bounced'",
        "forwardemail, bounce-recipient, 'recipient/reject'",
        "azure, delivery-report-bounced, 'Bounced'",
        "sparkpost, bounce-mailbox-full, 'bounce/22'",
        "mailgun, failed-permanent, 'failed/permanent/bounce'"})
    void theReasonIsWhatTheProviderCalledTheEventAndTheEvidenceIsTheEvent(String provider, String fixture, String reason)
            throws Exception {
        BounceEvent bounce = provider(provider).parse(providerRequest(provider, fixture)).bounces().get(0);
        assertEquals(reason, bounce.reason());
        JsonNode evidence = ProviderFixtures.JSON.readTree(bounce.evidence());
        assertEquals(ProviderFixtures.JSON.readTree(bounce.metaJson()), evidence.path("event"));
    }

    private static Provider provider(String name) {
        return switch (name) {
            case SendGrid.NAME -> ProviderFixtures.provider(SendGrid.NAME);
            case Brevo.NAME -> ProviderFixtures.provider(Brevo.NAME);
            case Resend.NAME -> ProviderFixtures.provider(Resend.NAME);
            case Mailjet.NAME -> ProviderFixtures.provider(Mailjet.NAME);
            case Postmark.NAME -> ProviderFixtures.provider(Postmark.NAME);
            case Lettermint.NAME -> ProviderFixtures.provider(Lettermint.NAME);
            case ForwardEmail.NAME -> ProviderFixtures.provider(ForwardEmail.NAME);
            case Azure.NAME -> ProviderFixtures.provider(Azure.NAME);
            case SparkPost.NAME -> ProviderFixtures.provider(SparkPost.NAME);
            case Mailgun.NAME -> ProviderFixtures.provider(Mailgun.NAME);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
