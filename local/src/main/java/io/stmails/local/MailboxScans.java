package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.config.Settings;
import io.stmails.mailbox.MailboxSchedule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for the stack's EventBridge schedules: every enabled mailbox is scanned by
 * {@code pop3-scanner} at start-up (as listmonk does) and then every {@code scan_interval}, with the
 * same scheduled event the stack sends. One thread, so scans never overlap.
 */
final class MailboxScans implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxScans.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mailbox-scans");
        thread.setDaemon(true);
        return thread;
    });

    MailboxScans(Settings settings, LocalFunctions functions, ObjectMapper json) {
        List<MailboxSchedule.Entry> entries = MailboxSchedule.entries(settings);
        for (MailboxSchedule.Entry entry : entries) {
            timer.scheduleWithFixedDelay(() -> scan(entry.mailbox(), functions, json), 0,
                    entry.interval().toSeconds(), TimeUnit.SECONDS);
            LOG.info("scanning mailbox {} every {}", entry.mailbox(), entry.interval());
        }
    }

    private static void scan(String mailbox, LocalFunctions functions, ObjectMapper json) {
        try {
            functions.invoke(FunctionCatalog.POP3_SCANNER, scheduledEvent(mailbox, json));
        } catch (RuntimeException e) {
            // In AWS the invocation would be retried; here the next interval scans again.
            LOG.error("scanning mailbox {} failed", mailbox, e);
        }
    }

    /** What an EventBridge schedule delivers, with the mailbox's name as its detail. */
    static String scheduledEvent(String mailbox, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", Instant.now().toString());
        event.put("region", "us-east-1");
        event.putArray("resources");
        event.putObject("detail").put("mailbox", mailbox);
        return event.toString();
    }

    /** Lets a scan in progress finish (it stops itself before its deadline) and starts no more. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(LocalFunctions.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
