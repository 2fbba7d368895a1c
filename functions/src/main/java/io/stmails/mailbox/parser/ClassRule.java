package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;

/**
 * The one rule from a reason to a class: the reason's own class ({@link Reason#type()}: hard only for
 * {@code userunknown}, {@code hostunknown}, {@code hasmoved} and {@code notaccept}), except that a
 * bounce is soft when the failure is temporary (a 4.x.x status, a 4xx reply, a delay warning, or for a
 * reason only a wording named, a wording that says it may pass: "try again later") or when
 * the evidence is weak: a wrong soft bounce only delays a blocklisting, a wrong hard one causes it.
 */
final class ClassRule {
    private ClassRule() {
    }

    static BounceType classOf(Reason reason, Confidence confidence, boolean temporary) {
        BounceType type = reason.type();
        if (type == BounceType.HARD && (temporary || confidence == Confidence.LOW)) {
            return BounceType.SOFT;
        }
        return type;
    }
}
