package org.lyncrunbooks.workflow;

import java.util.Locale;

/**
 * The minimum for the configured administrator's password: at least 12 characters, at least three of lower case,
 * upper case, digits and other characters, not containing the user name, and not a lab password.
 */
final class PasswordPolicy {

    private PasswordPolicy() {
    }

    static void check(String username, String password) {
        if (password == null || password.isBlank()) {
            throw new AdministratorMissingException("lync.security.admin.password is not set for administrator '"
                    + username + "' (set LYNC_SECURITY_ADMIN_PASSWORD)");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.length() < 12 || classes < 3 || lower.contains(username.toLowerCase(Locale.ROOT))
                || lower.equals("lab") || lower.startsWith("password")) {
            throw new AdministratorMissingException("the password configured for administrator '" + username
                    + "' is too weak: use at least 12 characters with three of lower case, upper case, digits and "
                    + "symbols, not containing the user name");
        }
    }
}
