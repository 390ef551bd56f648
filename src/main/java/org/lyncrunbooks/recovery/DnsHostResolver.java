package org.lyncrunbooks.recovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** Resolves host names with the operating system's resolver, as the Lync servers themselves would. */
class DnsHostResolver implements HostResolver {

    @Override
    public List<String> resolve(String fqdn) {
        if (fqdn == null || fqdn.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(fqdn.trim())).map(InetAddress::getHostAddress).distinct().toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
