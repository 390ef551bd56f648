package org.lyncrunbooks.lab;

import java.time.Instant;
import java.util.List;

/**
 * The state of one lab machine, as {@code servers/<fqdn>/server.json} holds it: whether it has an operating
 * system, a local configuration store, Lync components (and the service instance id they were installed with),
 * a certificate, and which Windows services run on it.
 *
 * @param roles             what the machine is in the topology: {@code FrontEnd}, {@code StandardEdition},
 *                          {@code Edge}, {@code Director}, {@code Mediation}, {@code PersistentChat},
 *                          {@code SqlServer}, {@code FileServer}
 * @param pool              the Lync pool it belongs to, or null for a machine that is not a Lync server
 * @param serviceInstanceId the id its Lync services were installed with; a re-install gives a new one
 * @param startingServices  services started but not yet running: a Front End's services wait in this state until
 *                          enough servers of its pool are starting ({@link FrontEndQuorum})
 * @param externalCertificate an Edge server's external certificate (Access, Web Conferencing and A/V Edge FQDNs),
 *                          assigned to its external interface; null on other servers
 */
public record ServerState(
        String fqdn,
        List<String> roles,
        String pool,
        boolean operatingSystemInstalled,
        boolean localConfigurationStore,
        boolean componentsInstalled,
        String serviceInstanceId,
        Certificate certificate,
        List<String> runningServices,
        List<String> startingServices,
        Certificate externalCertificate) {

    public ServerState {
        roles = List.copyOf(roles);
        runningServices = runningServices == null ? List.of() : List.copyOf(runningServices);
        startingServices = startingServices == null ? List.of() : List.copyOf(startingServices);
    }

    /** A machine none of whose services is in the Starting state, without an external certificate. */
    public ServerState(String fqdn, List<String> roles, String pool, boolean operatingSystemInstalled,
                       boolean localConfigurationStore, boolean componentsInstalled, String serviceInstanceId,
                       Certificate certificate, List<String> runningServices) {
        this(fqdn, roles, pool, operatingSystemInstalled, localConfigurationStore, componentsInstalled, serviceInstanceId,
                certificate, runningServices, List.of(), null);
    }

    /** Whether the machine is a Lync server (a member of a pool), as opposed to a SQL or file server. */
    public boolean lyncServer() {
        return pool != null;
    }

    ServerState withOperatingSystemOnly() {
        return new ServerState(fqdn, roles, pool, true, false, false, null, null, List.of());
    }

    ServerState withLocalStore() {
        return new ServerState(fqdn, roles, pool, operatingSystemInstalled, true, componentsInstalled,
                serviceInstanceId, certificate, runningServices, startingServices, externalCertificate);
    }

    ServerState withComponents(String newServiceInstanceId) {
        return new ServerState(fqdn, roles, pool, operatingSystemInstalled, localConfigurationStore, true,
                newServiceInstanceId, certificate, runningServices, startingServices, externalCertificate);
    }

    ServerState withCertificate(Certificate newCertificate) {
        return new ServerState(fqdn, roles, pool, operatingSystemInstalled, localConfigurationStore,
                componentsInstalled, serviceInstanceId, newCertificate, runningServices, startingServices, externalCertificate);
    }

    ServerState withExternalCertificate(Certificate newCertificate) {
        return new ServerState(fqdn, roles, pool, operatingSystemInstalled, localConfigurationStore,
                componentsInstalled, serviceInstanceId, certificate, runningServices, startingServices, newCertificate);
    }

    ServerState withRunningServices(List<String> services) {
        return new ServerState(fqdn, roles, pool, operatingSystemInstalled, localConfigurationStore,
                componentsInstalled, serviceInstanceId, certificate, services, startingServices, externalCertificate);
    }

    ServerState withStartingServices(List<String> services) {
        return new ServerState(fqdn, roles, pool, operatingSystemInstalled, localConfigurationStore,
                componentsInstalled, serviceInstanceId, certificate, runningServices, services, externalCertificate);
    }

    /** A machine certificate: what the Certificates MMC shows and what a recovery checks (thumbprint, SANs, expiry). */
    public record Certificate(String thumbprint, String subject, List<String> subjectAlternativeNames, Instant notAfter) {

        public Certificate {
            subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        }
    }
}
