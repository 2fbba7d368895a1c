package io.stmails.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.stmails.infra.DeploymentConfig;
import io.stmails.infra.StmailsStack;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * One synthesized stack per {@link Deployment}, built at most once per test JVM (the first synth
 * starts jsii's Node process and costs seconds; later ones well under one). The context is
 * {@code infra/cdk.json}'s, so the tests see what {@code cdk deploy} deploys, with the deployment's
 * overrides on top, the cdk-nag AwsSolutions checks applied, and a small placeholder standing in
 * for the functions' jar so that the tests do not depend on {@code mvn package} having run.
 */
record Synthesized(Deployment deployment, StmailsStack stack, Template template, TemplateJson json,
        Annotations annotations, Map<String, Object> context) {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final Path CDK_JSON = Path.of("..", "infra", "cdk.json");
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Deployment, Synthesized> CACHE = new EnumMap<>(Deployment.class);

    static synchronized Synthesized of(Deployment deployment) {
        return CACHE.computeIfAbsent(deployment, Synthesized::synthesize);
    }

    private static Synthesized synthesize(Deployment deployment) {
        Map<String, Object> context = contextFor(deployment.context);
        App app = new App(AppProps.builder()
                .outdir(target("cdk-out-" + deployment.name().toLowerCase(java.util.Locale.ROOT)).toString())
                .context(context)
                .build());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        StmailsStack stack = new StmailsStack(app, "Stmails", StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(REGION).build())
                .build(), deployment.catalog, DeploymentConfig.from(app.getNode()));
        Template template = Template.fromStack(stack);
        return new Synthesized(deployment, stack, template, new TemplateJson(JSON.valueToTree(template.toJSON())),
                Annotations.fromStack(stack), context);
    }

    /** cdk.json's context, the overrides, and the placeholder jar. */
    static Map<String, Object> contextFor(Map<String, Object> overrides) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.putAll(overrides);
        context.putIfAbsent(DeploymentConfig.FUNCTIONS_JAR, placeholderJar().toString());
        return context;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            JsonNode cdkJson = JSON.readTree(CDK_JSON.toFile());
            return JSON.convertValue(cdkJson.get("context"), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CDK_JSON.toAbsolutePath(), e);
        }
    }

    /** A tiny jar: the template only needs an asset to hash. */
    static synchronized Path placeholderJar() {
        Path jar = target("placeholder-functions-lambda.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("placeholder for functions-lambda.jar in template tests\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static Path target(String name) {
        Path target = Path.of("target");
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target.resolve(name).toAbsolutePath();
    }

    /** The logical ID of the function deployed as {@code <prefix><name>}. */
    String functionId(String name) {
        return json.functionNamed(deployment.prefix() + name);
    }
}
