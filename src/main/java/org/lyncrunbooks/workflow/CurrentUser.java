package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who the engine has authenticated for the request being served (HTTP Basic or the webapps' session). */
@Component
public class CurrentUser {

    private final IdentityService identity;

    CurrentUser(IdentityService identity) {
        this.identity = identity;
    }

    /** The authenticated user's id, or null when nobody is authenticated. */
    public String id() {
        Authentication authentication = identity.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    /** Whether the authenticated user is a member of {@code group}; false when nobody is authenticated. */
    public boolean isMemberOf(String group) {
        Authentication authentication = identity.getCurrentAuthentication();
        return authentication != null && authentication.getGroupIds() != null
                && authentication.getGroupIds().contains(group);
    }
}
