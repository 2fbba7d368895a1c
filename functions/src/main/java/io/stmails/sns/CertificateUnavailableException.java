package io.stmails.sns;

/** The signing certificate could not be fetched right now (network, timeout, SNS 5xx): worth retrying. */
public final class CertificateUnavailableException extends RuntimeException {
    public CertificateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
