package io.stmails.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stmails.config.FieldProblem;

/**
 * The options of a provider authenticated by {@link SharedSecretAuth}; the catalog supplies the provider's
 * default header.
 *
 * @param tokenHeader the header that carries the token
 */
public record TokenHeaderOptions(
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("token_header") String tokenHeader) implements ProviderOptions {
    public TokenHeaderOptions {
        tokenHeader = FieldProblem.nonBlank(tokenHeader, null, "token_header");
        if (tokenHeader == null) {
            throw new FieldProblem("token_header", " is required");
        }
    }
}
