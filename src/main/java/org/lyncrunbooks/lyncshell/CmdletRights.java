package org.lyncrunbooks.lyncshell;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rights each cmdlet the runbooks run needs (D2; C:Enable-CsTopology; P5), and the wording of a refusal. Lync,
 * Active Directory, Windows and SQL Server say what was refused ("Access is denied", "Insufficient access rights",
 * "Login failed for user …", "permission denied") but not which membership would have allowed it; a failed cmdlet
 * whose error reads so gets the membership named, so an administrator fixes the account instead of the farm.
 */
public final class CmdletRights {

    /** What every backup and restore cmdlet needs (D2). */
    static final String SERVER_ADMINS = "membership in RTCUniversalServerAdmins (D2)";

    private static final Map<String, String> RIGHTS = Map.of(
            "export-cspersistentchatdata", "membership in CsPersistentChatAdministrator, besides RTCUniversalServerAdmins"
                    + " (D2)",
            "import-cspersistentchatdata", "membership in CsPersistentChatAdministrator, besides RTCUniversalServerAdmins"
                    + " (D2)",
            "enable-cstopology", "membership in Domain Admins, or in RTCUniversalServerAdmins once Grant-CsSetupPermission"
                    + " was run on every Active Directory container holding Lync Server computers; and local Administrators"
                    + " (or full control of the share) on the file servers whose shares it sets up (C:Enable-CsTopology)",
            "install-csdatabase", "membership in RTCUniversalServerAdmins and the sysadmin role on the SQL Server instance,"
                    + " with local Administrators on that SQL server (P5)");

    private static final Pattern REFUSAL = Pattern.compile(
            "access is denied|access denied|insufficient access rights|insuff_access_rights|unauthorizedaccess"
                    + "|login failed for user|permission denied|does not have permission|not authorized"
                    + "|might require other privileges|permissiondenied",
            Pattern.CASE_INSENSITIVE);

    private CmdletRights() {
    }

    /** What {@code cmdlet} needs, in words: "membership in …". */
    public static String required(String cmdlet) {
        return RIGHTS.getOrDefault(cmdlet.toLowerCase(Locale.ROOT), SERVER_ADMINS);
    }

    /**
     * The sentence naming the right {@code cmdlet} needs when {@code failure} reads like a refusal of the account;
     * empty for any other failure.
     */
    public static Optional<String> missingRight(String cmdlet, String failure) {
        if (failure == null || !REFUSAL.matcher(failure).find()) {
            return Optional.empty();
        }
        return Optional.of("The account running the runbooks' cmdlets was refused: " + cmdlet + " needs "
                + required(cmdlet) + ".");
    }
}
