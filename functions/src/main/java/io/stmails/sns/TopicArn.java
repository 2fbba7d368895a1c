package io.stmails.sns;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An SNS topic ARN, {@code arn:<partition>:sns:<region>:<account>:<name>}. */
public record TopicArn(String partition, String region, String account, String name) {
    private static final Pattern FORMAT =
            Pattern.compile("^arn:(aws[a-z-]*):sns:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_.-]{1,256})$");

    /** @throws IllegalArgumentException when the text is not an SNS topic ARN */
    public static TopicArn parse(String arn) {
        Matcher matcher = arn == null ? null : FORMAT.matcher(arn);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + arn + "' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)");
        }
        return new TopicArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }
}
