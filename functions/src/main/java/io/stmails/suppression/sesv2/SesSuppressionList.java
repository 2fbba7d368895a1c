package io.stmails.suppression.sesv2;

import io.stmails.store.StorageException;
import io.stmails.suppression.InvalidNextTokenException;
import io.stmails.suppression.SuppressedAddress;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionPage;
import io.stmails.suppression.SuppressionReason;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * SES's account-level suppression list through the SES API v2. {@code PutSuppressedDestination}
 * is idempotent (it overwrites the reason); a {@code DeleteSuppressedDestination} of an address that
 * is not listed answers NotFound, which is the state wanted, so it is success.
 */
public final class SesSuppressionList implements SuppressionList {
    private final SesV2Client ses;

    public SesSuppressionList(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public void put(String email, SuppressionReason reason) {
        try {
            ses.putSuppressedDestination(b -> b.emailAddress(email).reason(SuppressionListReason.fromValue(reason.name())));
        } catch (SdkException e) {
            throw new StorageException("putting " + email + " on the SES suppression list failed", e);
        }
    }

    @Override
    public boolean remove(String email) {
        try {
            ses.deleteSuppressedDestination(b -> b.emailAddress(email));
            return true;
        } catch (NotFoundException alreadyGone) {
            return false;
        } catch (SdkException e) {
            throw new StorageException("removing " + email + " from the SES suppression list failed", e);
        }
    }

    @Override
    public SuppressionPage list(String nextToken, int pageSize) {
        ListSuppressedDestinationsResponse page;
        try {
            page = ses.listSuppressedDestinations(b -> b.nextToken(nextToken).pageSize(pageSize));
        } catch (BadRequestException e) {
            if (nextToken != null) {
                throw new InvalidNextTokenException("SES refused the next_token: " + e.awsErrorDetails().errorMessage());
            }
            throw new StorageException("listing the SES suppression list failed", e);
        } catch (SdkException e) {
            throw new StorageException("listing the SES suppression list failed", e);
        }
        List<SuppressedAddress> addresses = page.suppressedDestinationSummaries().stream()
                .map(s -> new SuppressedAddress(s.emailAddress(),
                        s.reason() == SuppressionListReason.COMPLAINT ? SuppressionReason.COMPLAINT : SuppressionReason.BOUNCE,
                        s.lastUpdateTime()))
                .toList();
        return new SuppressionPage(addresses, page.nextToken());
    }
}
