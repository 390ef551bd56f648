package org.lyncrunbooks.recovery;

import java.util.List;

/**
 * Looks a host name up in DNS, for the check that a rebuilt server got its old FQDN back (R2). The lab farm has
 * its own DNS; everywhere else {@link DnsHostResolver} asks the system resolver.
 */
public interface HostResolver {

    /** The addresses {@code fqdn} resolves to, in textual form; empty when it does not resolve. */
    List<String> resolve(String fqdn);
}
