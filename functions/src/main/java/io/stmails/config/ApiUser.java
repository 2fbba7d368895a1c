package io.stmails.config;

import java.util.Set;

/** An API user as listmonk has them: a name, a token, and the permissions it holds ({@code *} = all). */
public record ApiUser(String username, String token, Set<String> permissions) {
    public static final String ALL = "*";

    public ApiUser {
        permissions = Set.copyOf(permissions);
    }

    public boolean may(String permission) {
        return permissions.contains(ALL) || permissions.contains(permission);
    }

    @Override
    public String toString() {
        return "ApiUser[" + username + ", permissions=" + permissions + "]";
    }
}
