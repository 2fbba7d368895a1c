package io.stmails.mailbox.parser;

import java.nio.charset.StandardCharsets;

/** Builds the bounce messages the parser tests read, in the layouts MTAs really use. */
final class Mails {
    static final String SUBSCRIBER = "3b0b1e7a-5f2c-4d1e-9a8b-7c6d5e4f3a2b";
    static final String CAMPAIGN = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    private Mails() {
    }

    static byte[] bytes(String message) {
        return message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A campaign message as the list sent it: what a bounce returns. */
    static String campaignHeaders(String to) {
        return """
                Return-Path: <news@lists.example.org>
                From: News <news@lists.example.org>
                To: %s
                Subject: November news
                Message-ID: <campaign-1@lists.example.org>
                X-Listmonk-Subscriber: %s
                X-Listmonk-Campaign: %s
                """.formatted(to, SUBSCRIBER, CAMPAIGN);
    }

    /** An RFC 3464 report: a human-readable part, the delivery-status part, and the returned headers. */
    static String dsn(String subject, String notification, String deliveryStatus, String returned) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
                To: news@lists.example.org
                Subject: %s
                Message-ID: <dsn-1@mx.example.net>
                Date: Sun, 22 Nov 2026 10:00:00 +0000
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                This is a MIME-encapsulated message.

                --B1
                Content-Type: text/plain; charset=us-ascii

                %s
                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Sun, 22 Nov 2026 09:59:58 +0000

                %s
                --B1
                Content-Type: text/rfc822-headers

                %s
                --B1--
                """.formatted(subject, notification, deliveryStatus, returned);
    }

    static String recipientStatus(String recipient, String action, String status, String diagnostic) {
        return """
                Final-Recipient: rfc822; %s
                Action: %s
                Status: %s
                Remote-MTA: dns; mx.%s
                Diagnostic-Code: smtp; %s
                """.formatted(recipient, action, status, recipient.substring(recipient.indexOf('@') + 1), diagnostic);
    }

    /** A single-part plain-text bounce with the returned message inline, as qmail, Exim or Gmail send it. */
    static String plain(String from, String subject, String extraHeaders, String body) {
        return """
                Return-Path: <>
                From: %s
                To: news@lists.example.org
                Subject: %s
                Message-ID: <plain-1@mx.example.net>
                Date: Sun, 22 Nov 2026 10:00:00 +0000
                %sContent-Type: text/plain; charset=us-ascii

                %s""".formatted(from, subject, extraHeaders, body);
    }
}
