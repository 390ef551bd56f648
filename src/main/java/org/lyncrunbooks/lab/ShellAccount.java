package org.lyncrunbooks.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rights of the account the runbooks run cmdlets and T-SQL as, in the lab farm. On a real farm that account is
 * an administrator's or a service account; what it may do depends on its group memberships (D2, P5, P6). By default
 * the lab account has every right the runbooks need; a lab user (or a test) takes one away to see the failure an
 * administrator would meet. Kept in {@code shell-account.json} in the farm's folder, so every node sees it.
 *
 * <p>Like Lync and Windows, the errors say what was refused, not which group would have allowed it: the runbooks
 * must name the missing right themselves.
 */
public final class ShellAccount {

    /** The account's name as the lab's error messages show it. */
    public static final String NAME = "CONTOSO\\svc-lyncrunbooks";

    /** A right the runbooks' account may hold or lack. */
    public enum Right {
        /** Membership in RTCUniversalServerAdmins: every backup and restore cmdlet (D2). */
        RTC_UNIVERSAL_SERVER_ADMINS,
        /** Membership in CsPersistentChatAdministrator: Export- and Import-CsPersistentChatData (D2). */
        CS_PERSISTENT_CHAT_ADMINISTRATOR,
        /** Domain Admins, or setup permission granted to RTCUniversalServerAdmins: Enable-CsTopology. */
        SETUP_PERMISSION,
        /** The sysadmin fixed server role on the SQL Server instances: BACKUP, RESTORE, Install-CsDatabase (P5). */
        SQL_SYSADMIN
    }

    private final Path file;
    private final StateFiles state;

    ShellAccount(Path farmDirectory, StateFiles state) {
        this.file = farmDirectory.resolve("shell-account.json");
        this.state = state;
    }

    /** The rights the account lacks now. */
    Set<Right> missing() {
        if (!Files.isRegularFile(file)) {
            return EnumSet.noneOf(Right.class);
        }
        Map<?, ?> stored = state.read(file, Map.class);
        Set<Right> missing = EnumSet.noneOf(Right.class);
        Object list = stored.get("missing");
        if (list instanceof Collection<?> names) {
            names.forEach(n -> missing.add(Right.valueOf(String.valueOf(n))));
        }
        return missing;
    }

    boolean has(Right right) {
        return !missing().contains(right);
    }

    void revoke(Right right) {
        Set<Right> missing = missing();
        missing.add(right);
        store(missing);
    }

    void grant(Right right) {
        Set<Right> missing = missing();
        missing.remove(right);
        store(missing);
    }

    private void store(Set<Right> missing) {
        List<String> names = new ArrayList<>();
        missing.forEach(r -> names.add(r.name()));
        state.write(file, Map.of("account", NAME, "missing", names));
    }

    /**
     * The error {@code cmdlet} gives when the account lacks a right it needs, worded as Lync, SQL Server, Active
     * Directory or Windows word it; empty when the account may run it.
     */
    Optional<String> refusal(String cmdlet, CmdletSpec.Args args) {
        Set<Right> missing = missing();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String name = cmdlet.toLowerCase(Locale.ROOT);
        if (missing.contains(Right.RTC_UNIVERSAL_SERVER_ADMINS)) {
            if (name.endsWith("-cswindowsservice")) {
                String computer = args.value("ComputerName").orElse("localhost");
                return Optional.of("Cannot open Service Control Manager on computer '" + computer
                        + "'. This operation might require other privileges.");
            }
            return Optional.of("Cannot open database \"" + databaseOf(name) + "\" requested by the login. The login "
                    + "failed. Login failed for user '" + NAME + "'.");
        }
        if (name.endsWith("-cspersistentchatdata") && missing.contains(Right.CS_PERSISTENT_CHAT_ADMINISTRATOR)) {
            return Optional.of("Access is denied. The current user '" + NAME + "' is not authorized to perform this "
                    + "operation on the Persistent Chat database.");
        }
        if (name.equals("enable-cstopology") && missing.contains(Right.SETUP_PERMISSION)) {
            return Optional.of("Active Directory operation failed on \"dc01.lab.contoso.local\". You cannot retry this "
                    + "operation: \"Insufficient access rights to perform the operation 00002098: SecErr: DSID-03150BB9, "
                    + "problem 4003 (INSUFF_ACCESS_RIGHTS), data 0\"");
        }
        if (name.equals("install-csdatabase") && missing.contains(Right.SQL_SYSADMIN)) {
            return Optional.of("Command execution failed: CREATE DATABASE permission denied in database 'master'.");
        }
        return Optional.empty();
    }

    /** The database a cmdlet reads or writes first, for the login failure an account outside the groups meets. */
    private static String databaseOf(String cmdlet) {
        if (cmdlet.contains("userdata")) {
            return "rtcxds";
        }
        if (cmdlet.contains("rgs")) {
            return "rgsconfig";
        }
        if (cmdlet.contains("lis")) {
            return "lis";
        }
        if (cmdlet.contains("persistentchat")) {
            return "mgc";
        }
        return "xds";
    }
}
