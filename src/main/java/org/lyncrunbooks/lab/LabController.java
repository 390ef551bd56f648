package org.lyncrunbooks.lab;

import java.util.Map;

import org.lyncrunbooks.workflow.CurrentUser;
import org.lyncrunbooks.workflow.Groups;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lets a lab user break the lab farm the way a real farm breaks, to try a recovery (profile {@code lab} only, lab
 * administrators only, behind the same HTTP Basic login as the REST API): a server is lost with its SQL instances
 * and the file stores it shares, or a file store is wiped; a pool or a whole site fails and is repaired; a cmdlet
 * hangs or fails. Any lab user may sign in as a lab user, as the operators' checks do.
 */
@RestController
@Profile(LabProfileActivator.LAB_PROFILE)
@RequestMapping("/api/lab")
class LabController {

    private final LabFarm farm;
    private final CurrentUser user;

    LabController(LabFarm farm, CurrentUser user) {
        this.farm = farm;
        this.user = user;
    }

    @GetMapping("/servers/{fqdn}")
    ServerState server(@PathVariable String fqdn) {
        return farm.serverState(fqdn);
    }

    @PostMapping("/servers/{fqdn}/failure")
    Map<String, String> failServer(@PathVariable String fqdn) {
        requireAdministrator();
        farm.destroyServer(fqdn);
        return Map.of("server", fqdn, "state", "lost: its state, its SQL instances and the file stores it shares are gone");
    }

    /** The pool fails as a whole: its servers and its Back End stop answering (their disks are kept). */
    @PostMapping("/pools/{fqdn}/failure")
    Map<String, String> failPool(@PathVariable String fqdn) {
        requireAdministrator();
        farm.failPool(fqdn);
        return Map.of("pool", fqdn, "state", "failed: its servers and its Back End do not answer");
    }

    /** The failed pool answers again, with its data as it was when it failed. */
    @DeleteMapping("/pools/{fqdn}/failure")
    Map<String, String> repairPool(@PathVariable String fqdn) {
        requireAdministrator();
        farm.repairPool(fqdn);
        return Map.of("pool", fqdn, "state", "running");
    }

    /** Every pool of the site fails. */
    @PostMapping("/sites/{name}/failure")
    Map<String, Object> failSite(@PathVariable String name) {
        requireAdministrator();
        return Map.of("site", name, "failedPools", farm.failSite(name));
    }

    @DeleteMapping("/sites/{name}/failure")
    Map<String, Object> repairSite(@PathVariable String name) {
        requireAdministrator();
        return Map.of("site", name, "repairedPools", farm.repairSite(name));
    }

    /**
     * One SQL Server of a mirrored Back End (its principal, its mirror or the witness) stops answering, disks kept; with
     * the witness answering, the databases it was principal for fail over to the other side on their own.
     */
    @PostMapping("/sql-servers/{fqdn}/failure")
    Map<String, String> loseSqlServer(@PathVariable String fqdn) {
        requireAdministrator();
        farm.loseSqlServer(fqdn);
        return Map.of("sqlServer", fqdn, "state", "lost: it does not answer");
    }

    /** The lost SQL Server answers again as it was, with the databases it held (not clean). */
    @DeleteMapping("/sql-servers/{fqdn}/failure")
    Map<String, String> repairSqlServer(@PathVariable String fqdn) {
        requireAdministrator();
        farm.repairSqlServer(fqdn);
        return Map.of("sqlServer", fqdn, "state", "running, with the databases it held");
    }

    /** The lost SQL Server is rebuilt with the same FQDN and instance names: it answers and holds no database. */
    @PostMapping("/sql-servers/{fqdn}/rebuild")
    Map<String, Object> rebuildSqlServer(@PathVariable String fqdn) {
        requireAdministrator();
        return Map.of("sqlServer", fqdn, "state", "rebuilt: clean SQL Server instances", "instances",
                farm.rebuildSqlServer(fqdn));
    }

    /** The users homed on a Front End pool (their SIP URIs), to sign in as. */
    @GetMapping("/pools/{fqdn}/users")
    java.util.List<String> users(@PathVariable String fqdn) {
        return farm.usersHomedOn(fqdn);
    }

    /**
     * A lab user signs in as {@code sip} with the Lync client, the check an operator runs after a failover or a
     * recovery: 200 with the pool that served the sign-in and the contact list, or 409 with why it failed.
     */
    @PostMapping("/users/{sip}/sign-in")
    LabFarm.UserSignIn signIn(@PathVariable String sip) {
        return farm.signIn(sip);
    }

    /** The signed-in user adds a contact ({@code {"contactUri":"sip:…"}}): a change the Backup Service copies later. */
    @PostMapping("/users/{sip}/contacts")
    LabFarm.UserSignIn addContact(@PathVariable String sip, @RequestBody Map<String, String> body) {
        return farm.addContact(sip, body.get("contactUri"));
    }

    /**
     * An administrator adds a Front End pool to the farm (Topology Builder, publish, deploy) without touching the
     * product's topology file: {@code {"fqdn":"pool02.lab.contoso.local","kind":"enterprise","site":"Lab",
     * "servers":["fe21.lab.contoso.local"],"backEnd":"be02.lab.contoso.local\\rtc","fileStore":"lab-fs03"}}. A Back
     * End the farm does not have yet is created with its databases and the pool's users.
     */
    @PostMapping("/farm/pools")
    @ResponseStatus(HttpStatus.CREATED)
    org.lyncrunbooks.topology.Pool addPool(@RequestBody Map<String, Object> request) {
        requireAdministrator();
        return invalidIsBadRequest(() -> farm.addPool(text(request, "site"), text(request, "fqdn"), text(request, "kind"),
                list(request, "servers"), text(request, "backEnd"), text(request, "fileStore")));
    }

    /** Adds a SQL Server instance with Lync databases: {@code {"fqdn":…,"instance":…,"databases":["LcsLog"]}}. */
    @PostMapping("/farm/sql-stores")
    @ResponseStatus(HttpStatus.CREATED)
    org.lyncrunbooks.topology.SqlStore addSqlStore(@RequestBody Map<String, Object> request) {
        requireAdministrator();
        return invalidIsBadRequest(() -> farm.addSqlStore(text(request, "fqdn"), text(request, "instance"),
                list(request, "databases")));
    }

    /**
     * Adds a file store: {@code {"name":"lab-fs03","server":"fs03.lab.contoso.local","share":"lyncshare"}}; the answer
     * says where the lab keeps its files ({@code mountPath}), which is what the topology file's mountPath must name.
     */
    @PostMapping("/farm/file-stores")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addFileStore(@RequestBody Map<String, Object> request) {
        requireAdministrator();
        org.lyncrunbooks.topology.FileStore store = invalidIsBadRequest(() -> farm.addFileStore(text(request, "name"),
                text(request, "server"), text(request, "share")));
        return Map.of("name", store.name(), "unc", store.unc(), "mountPath", store.mountPath().toString());
    }

    /** What Topology Builder would refuse (an unknown file store, a bad name) is a 400 naming it, not a 404. */
    private static <T> T invalidIsBadRequest(java.util.function.Supplier<T> addition) {
        try {
            return addition.get();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static String text(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value != null && !(value instanceof String)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " must be a string");
        }
        return (String) value;
    }

    private static java.util.List<String> list(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof java.util.List<?> items) || items.stream().anyMatch(i -> !(i instanceof String))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " must be a list of strings");
        }
        return items.stream().map(String.class::cast).toList();
    }

    @ExceptionHandler(IllegalStateException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    Map<String, String> cannot(IllegalStateException e) {
        return Map.of("message", e.getMessage());
    }

    @PostMapping("/file-stores/{name}/failure")
    Map<String, String> wipeFileStore(@PathVariable String name) {
        requireAdministrator();
        farm.wipeFileStore(name);
        return Map.of("fileStore", name, "state", "emptied");
    }

    /**
     * Damages a lab database before the next backup in a way no checksum sees: {@code {"damage":"TORN_PAGE"}} or
     * {@code {"damage":"BROKEN_INDEX"}}. The backup then verifies, and only a restore drill's DBCC CHECKDB finds it.
     */
    @PostMapping("/sql-instances/{fqdn}/{instance}/databases/{database}/damage")
    Map<String, String> damageDatabase(@PathVariable String fqdn, @PathVariable String instance,
                                       @PathVariable String database, @RequestBody Map<String, String> request) {
        requireAdministrator();
        DatabaseDamage damage;
        try {
            damage = DatabaseDamage.valueOf(String.valueOf(request.get("damage")).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "damage must be TORN_PAGE or BROKEN_INDEX, not '"
                    + request.get("damage") + "'");
        }
        String done = farm.damageDatabase(new org.lyncrunbooks.topology.SqlStoreRef(fqdn, instance), database, damage);
        return Map.of("database", database, "damage", damage.name(), "done", done);
    }

    /**
     * Makes a cmdlet faulty on every node using this farm: {@code {"mode":"HANG"}} (it hangs until the caller's
     * timeout) or {@code {"mode":"FAIL","message":"…"}} (exit code 1, the message on standard error).
     */
    @PostMapping("/cmdlets/{name}/fault")
    Map<String, String> breakCmdlet(@PathVariable String name, @RequestBody Map<String, String> fault) {
        requireAdministrator();
        CmdletFaults.Mode mode;
        try {
            mode = CmdletFaults.Mode.valueOf(String.valueOf(fault.get("mode")).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "mode must be HANG or FAIL, not '" + fault.get("mode") + "'");
        }
        faults().set(name, new CmdletFaults.Fault(mode, fault.get("message")));
        return Map.of("cmdlet", name, "fault", mode.name());
    }

    @DeleteMapping("/cmdlets/{name}/fault")
    Map<String, String> repairCmdlet(@PathVariable String name) {
        requireAdministrator();
        faults().clear(name);
        return Map.of("cmdlet", name, "fault", "none");
    }

    /**
     * Takes a right from the account the runbooks run cmdlets and T-SQL as ({@code RTC_UNIVERSAL_SERVER_ADMINS},
     * {@code CS_PERSISTENT_CHAT_ADMINISTRATOR}, {@code SETUP_PERMISSION}, {@code SQL_SYSADMIN}); {@code PUT} gives it back.
     */
    @DeleteMapping("/account/rights/{right}")
    Map<String, String> revokeRight(@PathVariable String right) {
        requireAdministrator();
        farm.revokeShellRight(right(right));
        return Map.of("account", ShellAccount.NAME, "right", right(right).name(), "state", "missing");
    }

    @PutMapping("/account/rights/{right}")
    Map<String, String> grantRight(@PathVariable String right) {
        requireAdministrator();
        farm.grantShellRight(right(right));
        return Map.of("account", ShellAccount.NAME, "right", right(right).name(), "state", "held");
    }

    private static ShellAccount.Right right(String name) {
        try {
            return ShellAccount.Right.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no right '" + name + "'; one of "
                    + java.util.Arrays.toString(ShellAccount.Right.values()));
        }
    }

    private CmdletFaults faults() {
        return new CmdletFaults(farm.directory(), farm.state());
    }

    private void requireAdministrator() {
        if (!user.isMemberOf(Groups.ADMINISTRATORS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only lync-administrators may break the lab farm");
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    Map<String, String> unknown(IllegalArgumentException e) {
        return Map.of("message", e.getMessage());
    }
}
