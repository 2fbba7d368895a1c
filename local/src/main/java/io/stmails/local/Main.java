package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code java -jar local/target/stmails-local.jar [options]}: runs stmails on this machine.
 * Options: {@code --port N} (9000), {@code --data DIR} (./.stmails-data), {@code --in-memory},
 * {@code --settings FILE}, {@code --secrets FILE}.
 */
public final class Main {
    static final String USAGE = """
            usage: java -jar local/target/stmails-local.jar [--port 9000] [--data ./.stmails-data | --in-memory]
                                                       [--settings FILE] [--secrets FILE]
                   java -jar local/target/stmails-local.jar export --url URL --format csv|jsonl --out FILE
                   java -jar local/target/stmails-local.jar import-suppressions --url URL [--next-token T]
                   java -jar local/target/stmails-local.jar parse PATH...
                   java -jar local/target/stmails-local.jar bench-api [--bounces 100000]
                   java -jar local/target/stmails-local.jar bench-parser DIR [SECONDS]
                   java -jar local/target/stmails-local.jar bench-capacity [--bounces 200] [--repo .]
                   java -jar local/target/stmails-local.jar bench-pipeline [--bounces 2000] [--clients 4] [--repo .]
                   java -jar local/target/stmails-local.jar bench-coldstart [--runs 3] [--repo .]
              STMAILS_API_USER / STMAILS_API_TOKEN add a full-permission API user; with no API user at all,
              one is generated and its token printed once.""";

    private Main() {
    }

    /** Held so the setting is not garbage-collected: DynamoDB Local's SDK v1 warns about JAXB on every start. */
    private static final Logger SDK_V1_LOG = Logger.getLogger("com.amazonaws");

    public static void main(String[] args) throws Exception {
        SDK_V1_LOG.setLevel(Level.SEVERE);
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty() && args.get(0).startsWith("bench-")) {
            // A benchmark prints its figures; a log line per bounce would bury them (and cost time).
            Configurator.setLevel("io.stmails", org.apache.logging.log4j.Level.WARN);
        }
        if (!args.isEmpty() && args.get(0).equals("export")) {
            return ExportCommand.run(args.subList(1, args.size()), env, out, err, System.console() != null);
        }
        if (!args.isEmpty() && args.get(0).equals("import-suppressions")) {
            return SuppressionImportCommand.run(args.subList(1, args.size()), env, out, err);
        }
        if (!args.isEmpty() && args.get(0).equals("bench-api")) {
            return ApiBench.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("bench-capacity")) {
            return CapacityBench.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("bench-pipeline")) {
            return PipelineBench.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("bench-coldstart")) {
            return ColdStartBench.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("parse")) {
            return ParseCommand.run(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.get(0).equals("bench-parser")) {
            ParserBench.run(args.subList(1, args.size()), out);
            return 0;
        }
        LocalRunner.Config config;
        try {
            config = parse(args, env, out);
        } catch (IllegalArgumentException | InvalidSettingsException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        LocalRunner runner = LocalRunner.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "shutdown"));
        out.println("settings in effect: " + config.settings().describe(new ObjectMapper()));
        out.println("stmails is running on http://127.0.0.1:" + runner.port()
                + (config.dataDir() == null ? " (in memory)" : " (data in " + config.dataDir() + ")")
                + "; Ctrl-C stops it.");
        stopped.await();
        return 0;
    }

    static LocalRunner.Config parse(List<String> args, Map<String, String> env, PrintStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int port = 9000;
        Path dataDir = Path.of(".stmails-data");
        boolean inMemory = false;
        Settings settings = Settings.defaults();
        Secrets secrets = Secrets.empty();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--port" -> port = parsePort(CommandOptions.value(option, rest));
                case "--data" -> dataDir = Path.of(CommandOptions.value(option, rest));
                case "--in-memory" -> inMemory = true;
                case "--settings" -> settings = SettingsFiles.settings(Path.of(CommandOptions.value(option, rest)), json);
                case "--secrets" -> secrets = SettingsFiles.secrets(Path.of(CommandOptions.value(option, rest)), json);
                case "-h", "--help" -> throw new IllegalArgumentException("help requested");
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        String user = env.get("STMAILS_API_USER");
        String token = env.get("STMAILS_API_TOKEN");
        if ((user == null) != (token == null)) {
            throw new IllegalArgumentException("set both STMAILS_API_USER and STMAILS_API_TOKEN, or neither");
        }
        if (user != null) {
            secrets = secrets.withApiUser(new ApiUser(user, token, Set.of(ApiUser.ALL)));
        } else if (secrets.apiUsers().isEmpty()) {
            String generated = generateToken();
            secrets = secrets.withApiUser(new ApiUser("admin", generated, Set.of(ApiUser.ALL)));
            out.println("No API user configured: generated user 'admin' with token " + generated
                    + " (shown once; use -u admin:" + generated + " with curl).");
        }
        return new LocalRunner.Config(port, inMemory ? null : dataDir, settings, secrets);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, got " + value);
        }
    }

    private static String generateToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
