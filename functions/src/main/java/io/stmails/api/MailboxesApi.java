package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.config.Settings;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.mailbox.MailboxConfig;
import io.stmails.mailbox.MailboxSettings;
import io.stmails.store.ScanLog;
import io.stmails.store.ScanRecord;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/mailboxes}: each configured POP3 mailbox with its schedule and the outcome of its
 * latest scan (null until it has been scanned), so the state of that ingest path is visible without
 * reading the function's logs.
 */
public final class MailboxesApi {
    private final Settings settings;
    private final ScanLog scans;
    private final Responses responses;
    private final ObjectMapper json;

    public MailboxesApi(Settings settings, ScanLog scans, Responses responses, ObjectMapper json) {
        this.settings = settings;
        this.scans = scans;
        this.responses = responses;
        this.json = json;
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(ApiEndpoint.MAILBOXES, (r, p) -> list()));
    }

    HttpResponse list() {
        Map<String, ScanRecord> latest = scans.latest();
        ArrayNode mailboxes = json.createArrayNode();
        for (MailboxConfig mailbox : MailboxSettings.all(settings)) {
            ObjectNode node = mailboxes.addObject()
                    .put("name", mailbox.name())
                    .put("enabled", mailbox.enabled())
                    .put("host", mailbox.host())
                    .put("port", mailbox.port())
                    .put("username", mailbox.username())
                    .put("scan_interval_minutes", mailbox.scanInterval().toMinutes());
            ScanRecord scan = latest.get(mailbox.name());
            if (scan == null) {
                node.putNull("last_scan");
            } else {
                node.putObject("last_scan")
                        .put("at", scan.at().toString())
                        .put("outcome", scan.outcome())
                        .put("detail", scan.detail())
                        .put("examined", scan.examined())
                        .put("recorded", scan.recorded())
                        .put("failed", scan.failed());
            }
        }
        return responses.data(mailboxes);
    }
}
