package io.stmails.suppression;

/**
 * The account-level list of addresses the sending service refuses to send to (SES's suppression
 * list, or a stand-in). Every method completes or throws {@link io.stmails.store.StorageException};
 * {@link #put} and {@link #remove} are idempotent, so a retried decision may repeat them safely.
 */
public interface SuppressionList {
    int MAX_PAGE_SIZE = 1000;

    /** For deployments without {@code ses.suppression_sync}: decisions stay in stmails' own table. */
    SuppressionList DISABLED = new SuppressionList() {
        @Override
        public void put(String email, SuppressionReason reason) {
        }

        @Override
        public boolean remove(String email) {
            return false;
        }

        @Override
        public SuppressionPage list(String nextToken, int pageSize) {
            throw new IllegalStateException("the suppression list is not synchronised (ses.suppression_sync is off)");
        }

        @Override
        public boolean isEnabled() {
            return false;
        }
    };

    /** Adds the address, or updates its reason if it is there already. */
    void put(String email, SuppressionReason reason);

    /** Removes the address; removing one that is not there is not an error. Says whether it was there. */
    boolean remove(String email);

    /**
     * One page of the list.
     *
     * @param nextToken null for the first page
     * @param pageSize  1 to {@link #MAX_PAGE_SIZE}
     * @throws InvalidNextTokenException when the token is not one this list handed out
     */
    SuppressionPage list(String nextToken, int pageSize);

    default boolean isEnabled() {
        return true;
    }
}
