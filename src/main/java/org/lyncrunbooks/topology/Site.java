package org.lyncrunbooks.topology;

import java.util.List;

/** A Lync site and the pools it holds. */
public record Site(String name, List<Pool> pools) {

    public Site {
        pools = List.copyOf(pools);
    }
}
