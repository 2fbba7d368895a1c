package io.stmails.actions;

import io.stmails.store.ActionRecord;
import io.stmails.store.ReactivationRecord;

/** Announces applied threshold actions, and reactivations that undo them, to the outside world. */
public interface ActionPublisher {

    /** For deployments without an actions topic. */
    ActionPublisher NONE = new ActionPublisher() {
        @Override
        public void publish(ActionRecord action) {
        }

        @Override
        public void publishReactivation(ReactivationRecord reactivation) {
        }

        @Override
        public boolean isConfigured() {
            return false;
        }
    };

    /** Publishes at least once; the event carries a stable {@code event_id} for consumers to dedupe on. */
    void publish(ActionRecord action);

    /** An event with action {@code reactivate}; at least once, with a stable {@code event_id}. */
    void publishReactivation(ReactivationRecord reactivation);

    default boolean isConfigured() {
        return true;
    }
}
