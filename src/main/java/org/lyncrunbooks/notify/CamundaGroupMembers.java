package org.lyncrunbooks.notify;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.stereotype.Component;

/** {@link GroupMembers} from the engine's identity service: the e-mail of each user's Camunda profile. */
@Component
class CamundaGroupMembers implements GroupMembers {

    private final ProcessEngine engine;

    CamundaGroupMembers(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<String> addresses(String group) {
        return WithoutAuthorization.read(engine, () -> engine.getIdentityService().createUserQuery().memberOfGroup(group)
                .list().stream().map(User::getEmail).filter(email -> email != null && !email.isBlank()).toList());
    }
}
