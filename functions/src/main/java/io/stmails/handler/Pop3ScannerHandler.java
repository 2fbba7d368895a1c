package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.stmails.mailbox.LoggedScan;
import io.stmails.mailbox.MailboxClient;
import io.stmails.mailbox.ScanResult;
import io.stmails.mailbox.ScheduledScan;
import io.stmails.mailbox.pop3.AngusPop3Client;
import io.stmails.metrics.BounceMetrics;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pop3-scanner}: scans the bounce mailbox the scheduled event names ({@code detail: {"mailbox":
 * "<name>"}}) and stops before the function's deadline. A scan that could not finish (login refused,
 * connection lost, recording failed) fails the invocation, so it is retried and shows in the metrics;
 * a retry records nothing twice. Each outcome is kept in the scan log ({@code GET /api/mailboxes}).
 */
public final class Pop3ScannerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final LoggedScan scans;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public Pop3ScannerHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.POP3_SCANNER_READS), new AngusPop3Client(), true);
    }

    public Pop3ScannerHandler(Components parts) {
        this(parts, new AngusPop3Client());
    }

    public Pop3ScannerHandler(Components parts, MailboxClient client) {
        this(parts, client, false);
    }

    private Pop3ScannerHandler(Components parts, MailboxClient client, boolean snapStart) {
        this.scans = FunctionWiring.pop3Scanner(parts, client);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.pop3Scanner(parts).register() : null;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Invocation.run(context, event.getId(), metrics, () -> scan(event, context));
    }

    private Map<String, Object> scan(ScheduledEvent event, Context context) {
        Object name = event.getDetail() == null ? null : event.getDetail().get("mailbox");
        ScheduledScan.Outcome outcome = scans.run(name == null ? null : name.toString(),
                context == null ? () -> Long.MAX_VALUE : context::getRemainingTimeInMillis);
        Map<String, Object> summary = new LinkedHashMap<>();
        if (outcome.skipped() != null) {
            summary.put("skipped", outcome.skipped());
            return summary;
        }
        ScanResult result = outcome.result();
        if (!result.ok()) {
            throw new IllegalStateException("scan of mailbox " + result.mailbox() + " did not finish: " + result.error()
                    + " (recorded " + result.recorded() + ", deleted " + result.deleted() + ")");
        }
        summary.put("mailbox", result.mailbox());
        summary.put("messages", result.messages());
        summary.put("examined", result.examined());
        summary.put("recorded", result.recorded());
        summary.put("duplicates", result.duplicates());
        summary.put("not_found", result.notFound());
        summary.put("deleted", result.deleted());
        summary.put("kept", result.kept());
        summary.put("failed", result.failed());
        summary.put("stopped_early", result.stoppedEarly());
        return summary;
    }
}
