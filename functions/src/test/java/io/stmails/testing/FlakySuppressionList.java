package io.stmails.testing;

import io.stmails.store.StorageException;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionPage;
import io.stmails.suppression.SuppressionReason;
import java.util.ArrayList;
import java.util.List;

/** Wraps a suppression list, records every call that reached it, and can be told to fail as an unreachable SES would. */
public final class FlakySuppressionList implements SuppressionList {
    private final SuppressionList delegate;
    private final List<String> calls = new ArrayList<>();
    private int failuresLeft;

    public FlakySuppressionList(SuppressionList delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} puts or removes fail. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    /** {@code put <email> <reason>} and {@code remove <email>}, in order, for the calls that succeeded. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void put(String email, SuppressionReason reason) {
        failIfTold();
        delegate.put(email, reason);
        calls.add("put " + email + " " + reason);
    }

    @Override
    public synchronized boolean remove(String email) {
        failIfTold();
        boolean removed = delegate.remove(email);
        calls.add("remove " + email);
        return removed;
    }

    @Override
    public SuppressionPage list(String nextToken, int pageSize) {
        return delegate.list(nextToken, pageSize);
    }

    private void failIfTold() {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new StorageException("SES unreachable (simulated)", null);
        }
    }
}
