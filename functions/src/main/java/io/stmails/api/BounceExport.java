package io.stmails.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.stmails.domain.Bounce;
import io.stmails.domain.Subscriber;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.store.BouncePage;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberStore;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/bounces/export}: one page of bounces as CSV (RFC 4180, header on the first page) or
 * JSON lines; {@code X-Next-Cursor} names the next page, {@code X-Total-Count} comes with the first.
 */
final class BounceExport {
    /** Lambda responses are limited to 6 MB; an export page stops below that. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int PAGE_ROWS = 1000;
    static final List<String> COLUMNS = List.of("id", "created_at", "type", "source", "email", "subscriber_uuid",
            "subscriber_status", "campaign_uuid", "meta");
    /** Quoting decided by the content (not by length, Jackson's default), lines ended CRLF as RFC 4180 says. */
    private static final ObjectWriter CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build()
            .writer(CsvSchema.emptySchema().withLineSeparator("\r\n"));

    private final BounceStore bounces;
    private final SubscriberStore subscribers;
    private final BounceTotals totals;
    private final BounceJson bounceJson;
    private final Responses responses;

    BounceExport(BounceStore bounces, SubscriberStore subscribers, BounceTotals totals, BounceJson bounceJson,
            Responses responses) {
        this.bounces = bounces;
        this.subscribers = subscribers;
        this.totals = totals;
        this.bounceJson = bounceJson;
        this.responses = responses;
    }

    HttpResponse export(HttpRequest request) {
        String format = request.query("format").orElse("csv");
        if (!format.equals("csv") && !format.equals("jsonl")) {
            return responses.error(400, "Invalid format: use csv or jsonl.");
        }
        BounceQueryParameters.Parsed parsed = BounceQueryParameters.parse(request, PAGE_ROWS, PAGE_ROWS);
        if (parsed.error() != null) {
            return responses.error(400, parsed.error());
        }
        BouncePage page = bounces.query(parsed.query());
        Map<String, Subscriber> owners = subscribers.findByUuids(page.bounces().stream().map(Bounce::subscriberUuid).toList());
        StringBuilder body = new StringBuilder();
        boolean csv = format.equals("csv");
        boolean firstPage = parsed.query().cursor() == null;
        if (csv && firstPage) {
            body.append(csvLine(COLUMNS));
        }
        String next = page.nextCursor();
        for (int i = 0; i < page.bounces().size(); i++) {
            Bounce bounce = page.bounces().get(i);
            Subscriber owner = owners.get(bounce.subscriberUuid());
            String row = csv ? csvLine(cells(bounce, owner)) : bounceJson.of(bounce, owner) + "\n";
            if (i > 0 && body.length() + row.length() > MAX_BYTES / 2) {
                // Characters, not bytes: half the byte limit leaves room for any UTF-8 expansion.
                next = page.cursors().get(i - 1);
                break;
            }
            body.append(row);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        if (next != null) {
            headers.put("x-next-cursor", next);
        }
        if (firstPage) {
            headers.put("x-total-count", Long.toString(totals.of(parsed.query())));
        }
        return new HttpResponse(200, headers, body.toString());
    }

    private static List<String> cells(Bounce bounce, Subscriber owner) {
        return List.of(bounce.id(), bounce.createdAt().toString(), bounce.type().wire(),
                BounceJson.nullToEmpty(bounce.source()), BounceJson.nullToEmpty(bounce.email()), bounce.subscriberUuid(),
                owner == null ? "" : owner.status().wire(), BounceJson.nullToEmpty(bounce.campaignUuid()),
                BounceJson.nullToEmpty(bounce.metaJson()));
    }

    /**
     * One CSV line. A cell that a spreadsheet would take for a formula (starting with {@code = + - @}, tab or
     * carriage return) gets a leading single quote, as OWASP recommends against CSV injection.
     */
    static String csvLine(List<String> cells) {
        try {
            return CSV.writeValueAsString(cells.stream().map(BounceExport::neutralised).toArray(String[]::new));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String neutralised(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
