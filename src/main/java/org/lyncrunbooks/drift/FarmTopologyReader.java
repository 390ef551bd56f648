package org.lyncrunbooks.drift;

import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.topology.Topology;
import org.springframework.stereotype.Component;

/** Reads the farm's published topology through the Management Shell: {@code Get-CsTopology -AsXml}. */
@Component
class FarmTopologyReader {

    static final String CMDLET = "Get-CsTopology";

    private final LyncShell shell;

    FarmTopologyReader(LyncShell shell) {
        this.shell = shell;
    }

    /**
     * The farm's topology, named {@code name}.
     *
     * @throws RuntimeException the cmdlet's failure, or what is wrong with its output
     */
    Topology read(String name) {
        String xml = shell.run(Cmdlet.of(CMDLET).withSwitch("AsXml")).stdout();
        return PublishedTopology.parse(xml, name);
    }
}
