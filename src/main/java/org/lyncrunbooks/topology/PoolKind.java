package org.lyncrunbooks.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of Lync Server 2013 pools a topology may declare, spelled as in the topology YAML. */
public enum PoolKind {
    ENTERPRISE("enterprise"),
    STANDARD("standard"),
    EDGE("edge"),
    DIRECTOR("director"),
    MEDIATION("mediation"),
    PERSISTENT_CHAT("persistent-chat");

    private final String yamlName;

    PoolKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** True for the pools that hold user data: Enterprise Edition Front End pools and Standard Edition servers. */
    public boolean isRegistrar() {
        return this == ENTERPRISE || this == STANDARD;
    }

    static Optional<PoolKind> fromYaml(String value) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(value)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(PoolKind::yamlName).collect(Collectors.joining(", "));
    }
}
