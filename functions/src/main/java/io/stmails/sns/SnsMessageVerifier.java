package io.stmails.sns;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves that an SNS message comes from an allowed topic. A valid signature alone only proves that
 * SNS sent it: anyone can subscribe our endpoint to their own topic, so the topic is checked too,
 * and first. The certificate URL is checked before anything is fetched, so a message cannot make us
 * fetch from a host of its choosing.
 */
public final class SnsMessageVerifier {
    private static final Pattern CERT_HOST = Pattern.compile("^sns\\.([a-z0-9-]{3,})\\.amazonaws\\.com(\\.cn)?$");
    private static final Pattern CERT_PATH = Pattern.compile("^/SimpleNotificationService-[A-Za-z0-9]+\\.pem$");

    private final Set<String> allowedTopics;
    private final CertificateSource certificates;

    /** @param allowedTopics topic ARNs whose messages are accepted; empty accepts none */
    public SnsMessageVerifier(Set<String> allowedTopics, CertificateSource certificates) {
        this.allowedTopics = Set.copyOf(allowedTopics);
        this.certificates = certificates;
    }

    /** Topic, then certificate URL, then signature. */
    public void verify(SnsMessage message) {
        checkTopic(message);
        verifySignature(message);
    }

    public void checkTopic(SnsMessage message) {
        if (allowedTopics.isEmpty()) {
            throw new SnsVerificationException("no SNS topic is allowed (the topic allow-list is empty); got "
                    + message.topicArn());
        }
        if (!allowedTopics.contains(message.topicArn())) {
            throw new SnsVerificationException("topic " + message.topicArn() + " is not in the allow-list");
        }
    }

    /**
     * @throws SnsVerificationException        when the message is not signed by SNS
     * @throws CertificateUnavailableException when the certificate cannot be fetched right now
     */
    public void verifySignature(SnsMessage message) {
        String algorithm = switch (message.signatureVersion() == null ? "" : message.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new SnsVerificationException("unsupported SignatureVersion '" + message.signatureVersion()
                    + "' (1 and 2 are supported)");
        };
        String region;
        try {
            region = TopicArn.parse(message.topicArn()).region();
        } catch (IllegalArgumentException e) {
            throw new SnsVerificationException("TopicArn: " + e.getMessage());
        }
        URI certificateUrl = checkCertificateUrl(message.signingCertUrl(), region);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(message.signature() == null ? "" : message.signature());
        } catch (IllegalArgumentException e) {
            throw new SnsVerificationException("Signature is not base64");
        }
        byte[] signed = message.stringToSign();
        X509Certificate certificate = certificates.certificate(certificateUrl);
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(signed);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new SnsVerificationException("signature check failed: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new SnsVerificationException("signature (version " + message.signatureVersion()
                    + ") does not match the message and the certificate at " + certificateUrl);
        }
    }

    /**
     * The certificate URL if it is one SNS uses: {@code https://sns.<region>.amazonaws.com[.cn]/SimpleNotificationService-<id>.pem},
     * with the topic's region, no user, port, query or fragment.
     */
    public static URI checkCertificateUrl(String url, String topicRegion) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url);
        } catch (URISyntaxException e) {
            throw new SnsVerificationException("SigningCertURL is not a URL: " + url);
        }
        String problem = null;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        Matcher hostMatch = CERT_HOST.matcher(host);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            problem = "scheme is not https";
        } else if (uri.getRawUserInfo() != null || (uri.getPort() != -1 && uri.getPort() != 443)) {
            problem = "it carries a user or a port";
        } else if (!hostMatch.matches()) {
            problem = "host " + host + " is not sns.<region>.amazonaws.com";
        } else if (!hostMatch.group(1).equals(topicRegion)) {
            problem = "its region " + hostMatch.group(1) + " is not the topic's region " + topicRegion;
        } else if (uri.getRawPath() == null || !CERT_PATH.matcher(uri.getRawPath()).matches()) {
            problem = "path is not /SimpleNotificationService-<id>.pem";
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem = "it has a query or fragment";
        }
        if (problem != null) {
            throw new SnsVerificationException("SigningCertURL " + url + " refused before fetching: " + problem);
        }
        return uri;
    }
}
