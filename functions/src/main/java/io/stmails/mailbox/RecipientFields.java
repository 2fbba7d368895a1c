package io.stmails.mailbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.mailbox.parser.BouncedRecipient;

/**
 * What the parser found about one recipient, as the {@code parse} command prints it and as a recorded
 * POP3 bounce's {@code meta} carries it, so an operator sees why a bounce got its class.
 */
public final class RecipientFields {
    private RecipientFields() {
    }

    public static ObjectNode put(ObjectNode node, BouncedRecipient recipient) {
        node.put("recipient", recipient.address())
                .put("class", recipient.type().wire())
                .put("reason", recipient.reason())
                .put("status", recipient.status())
                .put("reply_code", recipient.replyCode())
                .put("command", recipient.command())
                .put("evidence", recipient.decidedBy().wire())
                .put("confidence", recipient.confidence().wire());
        if (recipient.delayed()) {
            node.put("delayed", true);
        }
        return node;
    }
}
