package io.stmails.config;

/** Where the current secrets come from; implementations may cache and refresh (secrets get rotated). */
@FunctionalInterface
public interface SecretsSource {
    Secrets current();
}
