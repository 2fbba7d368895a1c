package io.stmails.local;

import com.sun.management.OperatingSystemMXBean;
import io.stmails.mailbox.parser.BounceParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench PATH [SECONDS]}: parses every message under PATH over and over on one thread, first to
 * warm the JVM up, then for SECONDS (default 10) of that thread's CPU time, and prints messages per
 * second of CPU time (per core: a machine busy with other work changes the wall-clock figure, not
 * these) and per wall-clock second.
 */
final class ParserBench {
    private static final double WARM_UP_SECONDS = 10;

    private ParserBench() {
    }

    static void run(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: bench PATH [SECONDS] (a directory of messages, e.g. the bounce corpus)");
        }
        double seconds = args.size() > 1 ? Double.parseDouble(args.get(1)) : 10;
        List<byte[]> messages = load(Path.of(args.get(0)));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no message files under " + args.get(0));
        }
        BounceParser parser = new BounceParser();
        long bounces = 0;
        bounces += parseFor(parser, messages, WARM_UP_SECONDS)[1];
        long[] measured = parseFor(parser, messages, seconds);
        out.printf(Locale.ROOT, "%d messages (%d files) on one thread after %.0f CPU s of warm-up:%n"
                        + "  %.0f messages/s of process CPU time (parser thread + GC + JIT, %.2f s)%n"
                        + "  %.0f messages/s of the parser thread's CPU time (%.2f s)%n"
                        + "  %.0f messages/s of wall-clock time (%.2f s; lower when other work shares the cores)%n",
                measured[0], messages.size(), WARM_UP_SECONDS,
                measured[0] / (measured[4] / 1e9), measured[4] / 1e9,
                measured[0] / (measured[3] / 1e9), measured[3] / 1e9,
                measured[0] / (measured[2] / 1e9), measured[2] / 1e9);
        if (bounces + measured[1] == 0) {
            out.println("warning: no bounce found at all; is PATH the right directory?");
        }
    }

    /** Parses whole passes until the time is up: {messages, recipients, wall ns, thread CPU ns, process CPU ns}. */
    private static long[] parseFor(BounceParser parser, List<byte[]> messages, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processStart = os.getProcessCpuTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long cpuDeadline = cpuStart + (long) (seconds * 1e9);
        long parsed = 0;
        long recipients = 0;
        do {
            for (byte[] message : messages) {
                recipients += parser.parse(message).recipients().size();
                parsed++;
            }
        } while (threads.getCurrentThreadCpuTime() < cpuDeadline);
        return new long[] {parsed, recipients, System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart,
                os.getProcessCpuTime() - processStart};
    }

    private static List<byte[]> load(Path root) {
        try {
            List<byte[]> messages = new ArrayList<>();
            for (Path file : ParseCommand.messageFiles(root)) {
                messages.add(Files.readAllBytes(file));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }
}
