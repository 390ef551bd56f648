package org.lyncrunbooks.notify;

import java.util.List;

/** The e-mail addresses of a group's members, from their user profiles (read without anyone's authorizations). */
interface GroupMembers {

    /** The addresses of the members of {@code group} that have one; empty for an unknown group. */
    List<String> addresses(String group);
}
