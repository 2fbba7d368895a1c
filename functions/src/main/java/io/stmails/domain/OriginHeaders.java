package io.stmails.domain;

import java.util.List;

/**
 * The headers a campaign e-mail carries to name its campaign and subscriber, which a bounce (the returned
 * message, the SES event, the provider's echo) brings back: stmails' own name first, then listmonk's.
 */
public final class OriginHeaders {
    public static final List<String> CAMPAIGN = List.of("X-Stmails-Campaign", "X-Listmonk-Campaign");
    public static final List<String> SUBSCRIBER = List.of("X-Stmails-Subscriber", "X-Listmonk-Subscriber");

    private OriginHeaders() {
    }
}
