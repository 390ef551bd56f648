package org.lyncrunbooks.workflow;

/**
 * A user created at start-up when missing, with a membership in {@code group}. Only the lab profile contributes
 * any (with its well-known password); elsewhere the first administrator comes from configuration.
 */
public record SeedUser(String id, String firstName, String lastName, String email, String password, String group) {
}
