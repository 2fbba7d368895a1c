package io.stmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.FunctionCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local stand-in for Lambda's DynamoDB stream event source mapping: reads the bounces table's
 * stream, hands batches to {@code bounce-actions} as {@code DynamodbEvent} JSON, and honours its
 * {@code batchItemFailures} the way the mapping does with ReportBatchItemFailures and
 * BisectBatchOnFunctionError: resume at the lowest failed record, retry it a bounded number of times,
 * then move that record alone to a dead-letter file (see {@link #deliver}).
 * Progress is checkpointed per shard in the data directory, so a restart neither skips nor
 * replays a batch (replays would be harmless: processing is idempotent).
 */
final class StreamPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    static final int MAX_ATTEMPTS = 3;
    private static final int BATCH_SIZE = 100;
    private static final long IDLE_SLEEP_MILLIS = 100;
    private static final int ALL_SUCCEEDED = -1;
    private static final int FUNCTION_ERROR = -2;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final LocalFunctions functions;
    private final ObjectMapper json;
    private final Path dataDir;
    private final Map<String, String> checkpoints;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    StreamPoller(DynamoDbStreamsClient streams, String streamArn, LocalFunctions functions, ObjectMapper json, Path dataDir) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.functions = functions;
        this.json = json;
        this.dataDir = dataDir;
        this.checkpoints = readCheckpoints();
        this.thread = new Thread(this::run, "stream-poller");
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            boolean worked = false;
            try {
                for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                    if (running && isReady(shard)) {
                        worked |= pollShard(shard.shardId());
                    }
                }
            } catch (SdkException e) {
                LOG.warn("reading the stream failed; retrying", e);
            }
            if (!worked) {
                sleep(IDLE_SLEEP_MILLIS);
            }
        }
    }

    /** A child shard is read only after its parent is finished, to keep each key's records in order. */
    private boolean isReady(Shard shard) {
        return !finishedShards.contains(shard.shardId())
                && (shard.parentShardId() == null || finishedShards.contains(shard.parentShardId())
                        || !iterators.containsKey(shard.parentShardId()) && !checkpoints.containsKey(shard.parentShardId()));
    }

    private boolean pollShard(String shardId) {
        String iterator = iterators.computeIfAbsent(shardId, this::initialIterator);
        GetRecordsResponse response;
        try {
            response = streams.getRecords(b -> b.shardIterator(iterator).limit(BATCH_SIZE));
        } catch (TrimmedDataAccessException | ExpiredIteratorException e) {
            // DynamoDB Local answers this for a horizon iterator taken while the shard was empty: take a new one.
            iterators.remove(shardId);
            return false;
        }
        if (response.nextShardIterator() == null) {
            finishedShards.add(shardId);
            iterators.remove(shardId);
        } else {
            iterators.put(shardId, response.nextShardIterator());
        }
        if (response.records().isEmpty()) {
            return false;
        }
        deliver(shardId, response.records());
        return true;
    }

    private String initialIterator(String shardId) {
        String after = checkpoints.get(shardId);
        return streams.getShardIterator(b -> {
            b.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
    }

    /**
     * Delivers records in order until each is processed or dead-lettered, as the event source mapping
     * does with ReportBatchItemFailures and BisectBatchOnFunctionError: after a partial failure it
     * resumes at the lowest reported record (so the records after it are delivered again); a
     * function error splits the batch in two halves, delivered one after the other; a record that
     * still fails after {@link #MAX_ATTEMPTS} is moved alone to the dead-letter file, and the rest go on.
     *
     * @return false when stopped before the end
     */
    private boolean deliver(String shardId, List<Record> records) {
        List<Record> pending = new ArrayList<>(records);
        int attempts = 0;
        while (!pending.isEmpty()) {
            int failedAt = invoke(pending);
            if (failedAt == FUNCTION_ERROR && pending.size() > 1) {
                int half = pending.size() / 2;
                return deliver(shardId, pending.subList(0, half)) && deliver(shardId, pending.subList(half, pending.size()));
            }
            int done = failedAt == ALL_SUCCEEDED ? pending.size() : Math.max(failedAt, 0);
            if (done > 0) {
                checkpoint(shardId, pending.get(done - 1).dynamodb().sequenceNumber());
                pending = new ArrayList<>(pending.subList(done, pending.size()));
                attempts = 0;
            }
            if (pending.isEmpty()) {
                return true;
            }
            if (++attempts >= MAX_ATTEMPTS) {
                Record poison = pending.remove(0);
                deadLetter(poison);
                checkpoint(shardId, poison.dynamodb().sequenceNumber());
                attempts = 0;
            } else if (!running) {
                return false;
            } else {
                sleep(200L * attempts);
            }
        }
        return true;
    }

    /**
     * Index of the lowest record reported in {@code batchItemFailures}, {@link #ALL_SUCCEEDED}, or
     * {@link #FUNCTION_ERROR} when the invocation failed or reported an identifier that is not a
     * sequence number of the batch (which Lambda also treats as a failure of the whole batch).
     */
    private int invoke(List<Record> batch) {
        String response;
        try {
            response = functions.invoke(FunctionCatalog.BOUNCE_ACTIONS, StreamEvents.toDynamodbEventJson(batch, streamArn, json));
        } catch (RuntimeException e) {
            LOG.error("bounce-actions failed on a batch of {}", batch.size(), e);
            return FUNCTION_ERROR;
        }
        List<String> sequences = batch.stream().map(record -> record.dynamodb().sequenceNumber()).toList();
        int lowest = ALL_SUCCEEDED;
        try {
            JsonNode failures = json.readTree(response).path("batchItemFailures");
            for (JsonNode failure : failures) {
                int index = sequences.indexOf(failure.path("itemIdentifier").asText(""));
                if (index < 0) {
                    LOG.error("bounce-actions reported {}, which is no record of the batch", failure);
                    return FUNCTION_ERROR;
                }
                lowest = lowest == ALL_SUCCEEDED ? index : Math.min(lowest, index);
            }
        } catch (IOException e) {
            LOG.error("bounce-actions answered something that is not JSON: {}", response);
            return FUNCTION_ERROR;
        }
        return lowest;
    }

    private void deadLetter(Record record) {
        String line = StreamEvents.toDynamodbEventJson(List.of(record), streamArn, json);
        LOG.error("stream record {} failed {} times; moved to the dead-letter file", record.dynamodb().sequenceNumber(), MAX_ATTEMPTS);
        if (dataDir == null) {
            LOG.error("dead letter (in-memory mode, not kept): {}", line);
            return;
        }
        try {
            Files.writeString(dataDir.resolve("dead-letters.jsonl"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> readCheckpoints() {
        Map<String, String> stored = new HashMap<>();
        if (dataDir == null || !Files.exists(checkpointFile())) {
            return stored;
        }
        try {
            json.readTree(checkpointFile().toFile()).fields().forEachRemaining(e -> stored.put(e.getKey(), e.getValue().asText()));
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpointFile(), e);
        }
    }

    private void checkpoint(String shardId, String sequenceNumber) {
        checkpoints.put(shardId, sequenceNumber);
        if (dataDir == null) {
            return;
        }
        try {
            ObjectNode node = json.createObjectNode();
            checkpoints.forEach(node::put);
            Path temp = dataDir.resolve("stream-checkpoints.json.tmp");
            Files.writeString(temp, node.toString());
            Files.move(temp, checkpointFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path checkpointFile() {
        return dataDir.resolve("stream-checkpoints.json");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finishes the batch in hand, then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
