package io.stmails.wiring;

import io.stmails.actions.BounceStreamProcessor;
import io.stmails.mailbox.LoggedScan;
import io.stmails.mailbox.MailboxClient;
import io.stmails.mailbox.MailboxScanner;
import io.stmails.mailbox.ScheduledScan;
import io.stmails.providers.ProviderWebhook;
import io.stmails.ses.SesFeedback;
import io.stmails.ses.SesSnsEndpoint;
import io.stmails.webhook.ListmonkBounceWebhook;
import io.stmails.webhook.WebhookGate;
import io.stmails.wiring.LambdaWiring.Section;
import java.util.EnumSet;
import java.util.Set;

/**
 * Per function, the one object its handler delegates to, built from the parts that function uses
 * and nothing else (the API's is {@link ApiWiring}); and the settings sections each reads beyond
 * the global ones, which are all {@link LambdaWiring} parses for it.
 */
public final class FunctionWiring {
    public static final Set<Section> WEBHOOK_BOUNCE_READS = Set.of();
    public static final Set<Section> PROVIDER_WEBHOOK_READS = Set.of(Section.PROVIDERS);
    public static final Set<Section> SES_READS = Set.of(Section.SES);
    public static final Set<Section> BOUNCE_ACTIONS_READS = Set.of(Section.SES);
    public static final Set<Section> POP3_SCANNER_READS = Set.of(Section.MAILBOXES);
    /** The API's: it shows and checks every section. */
    public static final Set<Section> API_READS = EnumSet.allOf(Section.class);

    private FunctionWiring() {
    }

    /** {@code webhook-bounce}. */
    public static ListmonkBounceWebhook webhookBounce(Components parts) {
        return new ListmonkBounceWebhook(parts.settings().bounce(), parts.authenticator(), parts.recorder(), parts.responses(),
                parts.json(), parts.metrics());
    }

    /** {@code webhook-<provider>}. */
    public static ProviderWebhook providerWebhook(Components parts) {
        return new ProviderWebhook(parts.settings().bounce(), parts.providers(), parts.secrets(),
                parts.recorder(), parts.responses(), parts.json(), parts.clock(), parts.metrics());
    }

    /** {@code webhook-ses}. */
    public static SesSnsEndpoint webhookSes(Components parts) {
        return new SesSnsEndpoint(parts.settings().ses(),
                new WebhookGate(parts.settings().bounce(), parts.responses(), parts.metrics()), sesFeedback(parts),
                parts.subscriptionConfirmer(), parts.responses(), parts.json());
    }

    /** {@code ses-notifications}, {@code ses-events} (and inside {@code webhook-ses}). */
    public static SesFeedback sesFeedback(Components parts) {
        return SesFeedback.create(parts.settings(), parts.recorder(), parts.json());
    }

    /** {@code bounce-actions}; reads {@code ses} for {@code suppression_sync}. */
    public static BounceStreamProcessor bounceActions(Components parts) {
        return new BounceStreamProcessor(parts.thresholdProcessor(), parts.stats());
    }

    /** {@code pop3-scanner}. */
    public static LoggedScan pop3Scanner(Components parts, MailboxClient client) {
        MailboxScanner scanner = new MailboxScanner(client, parts.recorder(), parts.json(), parts.metrics());
        return new LoggedScan(new ScheduledScan(parts.settings(), parts.secrets(), scanner), parts.scanLog(), parts.clock());
    }
}
