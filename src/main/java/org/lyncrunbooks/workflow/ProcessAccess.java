package org.lyncrunbooks.workflow;

import java.util.List;

/**
 * The processes of one capability, as the groups' authorizations need them. Each capability contributes one bean;
 * {@link Authorizations} grants what the groups need on them, so the engine glue never names a capability.
 */
public interface ProcessAccess {

    /**
     * The processes people start: operators start them and read their history, DBAs read them, managers read
     * their instances, history and tasks.
     */
    List<String> startedByPeople();

    /**
     * The processes those call, or the engine starts on its own: people work and watch their tasks but never
     * start them.
     */
    List<String> calledByOthers();
}
