package io.stmails.actions;

import io.stmails.store.ActionRecord;

/** Announces an applied threshold action to the outside world. */
public interface ActionPublisher {

    /** For deployments without an actions topic. */
    ActionPublisher NONE = new ActionPublisher() {
        @Override
        public void publish(ActionRecord action) {
        }

        @Override
        public boolean isConfigured() {
            return false;
        }
    };

    /** Publishes at least once; the event carries a stable {@code event_id} for consumers to dedupe on. */
    void publish(ActionRecord action);

    default boolean isConfigured() {
        return true;
    }
}
