package io.stmails.suppression;

import java.util.List;

/** @param nextToken continues the listing; null on the last page */
public record SuppressionPage(List<SuppressedAddress> addresses, String nextToken) {
    public SuppressionPage {
        addresses = List.copyOf(addresses);
    }
}
