package org.lyncrunbooks.workflow;

import java.util.List;

/**
 * One page of a list the manager's views serve, newest first: {@code page} counts from 0, {@code total} is the
 * number of entries in the whole list.
 */
public record Page<T>(int page, int size, long total, List<T> items) {

    public static final int MAX_SIZE = 100;

    public Page {
        items = List.copyOf(items);
    }

    /** Checks a request's page and size and says what is wrong with them. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }
}
