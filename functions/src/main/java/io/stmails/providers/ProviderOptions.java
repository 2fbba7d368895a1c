package io.stmails.providers;

/**
 * One provider's settings section ({@code providers.<name>}, no secrets), bound to the record the provider
 * declares: {@link SwitchOptions}, {@link ReplayWindowOptions} or its own. Unknown fields are refused, so a
 * typo never silently falls back to a default; the record's components, defaults filled in, are what
 * start-up prints.
 */
public interface ProviderOptions {
    /** Off unless the section says {@code "enabled": true}. */
    boolean enabled();
}
