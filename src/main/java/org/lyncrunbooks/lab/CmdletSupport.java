package org.lyncrunbooks.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * What the lab cmdlets share: reading file and identity parameters the way the Lync cmdlets expect them, and
 * refusing what cannot work in the lab (UNC paths, relative paths, paths into the farm's own state).
 */
final class CmdletSupport {

    static final String APPLICATION_SERVER = "ApplicationServer:";

    private final LabFarm farm;

    CmdletSupport(LabFarm farm) {
        this.farm = farm;
    }

    LabFarm farm() {
        return farm;
    }

    /** A -FileName to write: absolute, local, outside the farm, in an existing folder. */
    Path outputFile(String value) {
        Path file = localPath(value);
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "Could not find a part of the path '" + file + "'.");
        }
        if (Files.isDirectory(file)) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, "Access to the path '" + file + "' is denied.");
        }
        return file;
    }

    /** A -FileName to read: absolute, local, an existing file. */
    Path inputFile(String value) {
        Path file = localPath(value);
        if (!Files.isRegularFile(file)) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                    "Cannot find path '" + file + "' because it does not exist.");
        }
        return file;
    }

    private Path localPath(String value) {
        if (value.startsWith("\\\\") || value.startsWith("//")) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, "'" + value + "' is a UNC path, and the lab "
                    + "farm has no SMB shares: its servers see the backup share at its local path. In the lab, "
                    + "lync.backup.root-unc must equal lync.backup.root.");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, "Illegal characters in path '" + value + "'.");
        }
        if (!path.isAbsolute()) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, "'" + value + "' is not an absolute path. "
                    + "A cmdlet runs in a remote session whose working folder is unknown, so the lab needs absolute paths.");
        }
        path = path.normalize();
        if (insideFarm(path)) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, "'" + value + "' is inside the lab farm's own "
                    + "folder " + farm.directory() + ", which stands for the farm's servers; use a path outside it.");
        }
        return path;
    }

    private boolean insideFarm(Path path) {
        try {
            Path root = farm.directory().toRealPath();
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && existing.toRealPath().startsWith(root)
                    || path.startsWith(farm.directory()) || path.startsWith(root);
        } catch (IOException e) {
            return path.startsWith(farm.directory());
        }
    }

    /** A Front End pool or Standard Edition server of the topology (the pools that home users). */
    Pool registrarPool(String fqdn) {
        return farm.topology().pool(fqdn).filter(p -> p.kind().isRegistrar()).orElseThrow(() -> new CmdletFailure(
                CmdletFailure.Category.ObjectNotFound, "Pool '" + fqdn + "' is not a Front End pool or Standard Edition "
                + "server of the topology. Registrar pools: " + String.join(", ", farm.topology().pools()
                .filter(p -> p.kind().isRegistrar()).map(Pool::fqdn).toList()) + "."));
    }

    /**
     * The pool of a Response Group service identity, written {@code service:ApplicationServer:<pool>} or
     * {@code ApplicationServer:<pool>} (the docs use both, D12).
     */
    Pool responseGroupPool(String identity) {
        String rest = identity;
        if (rest.regionMatches(true, 0, "service:", 0, "service:".length())) {
            rest = rest.substring("service:".length());
        }
        if (!rest.regionMatches(true, 0, APPLICATION_SERVER, 0, APPLICATION_SERVER.length())) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, "'" + identity + "' is not a Response Group "
                    + "service identity; expected service:ApplicationServer:<pool FQDN>.");
        }
        String fqdn = rest.substring(APPLICATION_SERVER.length());
        return farm.topology().pool(fqdn).filter(p -> p.kind().isRegistrar() && p.responseGroup()).orElseThrow(() ->
                new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "No Response Group service "
                        + "'service:ApplicationServer:" + fqdn + "' exists in the topology."));
    }

    static String rgsOwner(Pool pool) {
        return "service:" + APPLICATION_SERVER + pool.fqdn();
    }

    /** A SQL instance written {@code fqdn\instance} (-DBInstance). */
    static SqlStoreRef sqlInstance(String value) {
        int slash = value.indexOf('\\');
        if (slash <= 0 || slash == value.length() - 1 || value.indexOf('\\', slash + 1) >= 0) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument,
                    "'" + value + "' is not a SQL Server instance; expected <SQL Server FQDN>\\<instance name>.");
        }
        return new SqlStoreRef(value.substring(0, slash).toLowerCase(Locale.ROOT), value.substring(slash + 1));
    }
}
