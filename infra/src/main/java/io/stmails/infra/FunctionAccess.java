package io.stmails.infra;

import io.stmails.catalog.FunctionCatalog.Trigger;
import java.util.List;

/**
 * What one function may do, the narrowest set its code needs, derived from the catalog so that a
 * function added later gets the grants of its kind without touching the stack:
 *
 * <ul>
 *   <li>every bounce source (webhooks, SES, providers, POP3) only records bounces: it reads
 *       subscribers (by UUID and by e-mail), creates an unknown one (a transaction of two puts) and
 *       writes the bounce with its dedupe marker in a transaction that condition-checks the
 *       subscriber. Transactions need the per-item actions, nothing else;</li>
 *   <li>the stream function ({@code bounce-actions}) reads and changes subscribers, counts and
 *       deletes bounces, keeps the statistics counters (receipt puts and counter updates in one
 *       transaction; the action counters in each action's transaction), and publishes the action events;</li>
 *   <li>the scheduled POP3 scanner also keeps the outcome of each scan in the stats table (one put);</li>
 *   <li>{@code api} reads (also in batches) and changes subscribers and their history (actions and
 *       reactivations, also through the history index), reads, clears and deletes bounces on the table
 *       and its indexes, reads the counters and adds to the action counters (an update in the transaction
 *       of each action it applies: blocklist, delete, reactivation, the suppression import).</li>
 * </ul>
 *
 * With {@code ses.suppression_sync} on, SES's suppression list: the stream function puts addresses
 * (threshold blocklists and deletes); {@code api} puts (its blocklist), deletes (reactivation,
 * erasure) and lists (the import and {@code GET /api/suppressions}). Nothing else gets any SES action.
 *
 * Secrets are readable only by functions that authenticate callers or log in somewhere: the HTTP
 * functions (API tokens, provider keys) except {@code webhook-ses}, which trusts SNS signatures,
 * and the scheduled POP3 scanner (mailbox passwords).
 */
record FunctionAccess(List<String> subscriberActions, List<String> bounceActions, List<String> statsActions,
        boolean queriesBounceIndexes, boolean readsSecrets, boolean publishesActions, boolean confirmsSesSubscriptions,
        boolean receivesSns, boolean queriesSubscriberHistory, List<String> suppressionListActions) {

    /** Functions that take SES notifications from SNS check the topic against {@code ses.topic_arns}. */
    boolean verifiesSesTopic() {
        return confirmsSesSubscriptions || receivesSns;
    }

    /** The HTTPS endpoint SNS pushes SES notifications to, listmonk style; it confirms its subscriptions. */
    static final String SES_WEBHOOK = "webhook-ses";
    static final String API = "api";

    static FunctionAccess of(FunctionSpec function, boolean suppressionSync) {
        if (function.trigger() == Trigger.DYNAMODB_STREAM) {
            return new FunctionAccess(
                    List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                    List.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"),
                    List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                    false, false, true, false, false, false,
                    suppressionSync ? List.of("ses:PutSuppressedDestination") : List.of());
        }
        if (function.name().equals(API)) {
            return new FunctionAccess(
                    List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                            "dynamodb:DeleteItem"),
                    List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                            "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                    List.of("dynamodb:Query", "dynamodb:UpdateItem"),
                    true, true, false, false, false, true,
                    suppressionSync ? List.of("ses:PutSuppressedDestination", "ses:DeleteSuppressedDestination",
                            "ses:ListSuppressedDestinations") : List.of());
        }
        boolean sesWebhook = function.name().equals(SES_WEBHOOK);
        boolean readsSecrets = switch (function.trigger()) {
            case HTTP -> !sesWebhook;
            case SCHEDULE -> true;
            case SNS, EVENTBRIDGE, DYNAMODB_STREAM -> false;
        };
        return new FunctionAccess(
                List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                function.trigger() == Trigger.SCHEDULE ? List.of("dynamodb:PutItem") : List.of(),
                false, readsSecrets, false, sesWebhook, function.trigger() == Trigger.SNS, false, List.of());
    }
}
