package org.lyncrunbooks.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who administers the application ({@code lync.security}). Outside the lab profile there is no default user and
 * no default password: the first administrator comes from here (usually the environment variables
 * {@code LYNC_SECURITY_ADMIN_USERNAME} and {@code LYNC_SECURITY_ADMIN_PASSWORD}) and a missing or weak password
 * stops start-up.
 *
 * @param admin     the first administrator, created once if it does not exist yet
 * @param publicUrl the address people open the application at ({@code https://lync-runbooks.contoso.local});
 *                  links in notifications start with it (see also {@link WebSecurityDefaults})
 */
@ConfigurationProperties("lync.security")
public record SecurityProperties(Admin admin, String publicUrl) {

    public SecurityProperties {
        admin = admin == null ? new Admin(null, null) : admin;
    }

    /** The first administrator; the password is only read to create the user and is never logged. */
    public record Admin(String username, String password) {

        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=" + (password == null ? "unset" : "****") + "]";
        }
    }
}
