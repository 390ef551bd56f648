package org.lyncrunbooks.workflow;

/**
 * A user task's name carries what it is about after a dash — "Approve data-loss window — be01.contoso.local" — so
 * that a task list tells two recoveries apart ({@link TaskSafetyPlugin}); reports that already say which server
 * they are about show the name without it.
 */
public final class TaskNames {

    /** Between a task's name and what it is about. */
    public static final String SEPARATOR = " — ";

    private TaskNames() {
    }

    /** {@code name} followed by {@code subject}, once; {@code name} alone when there is no subject. */
    public static String withSubject(String name, String subject) {
        if (name == null || subject == null || subject.isBlank() || name.endsWith(SEPARATOR + subject)) {
            return name;
        }
        return name + SEPARATOR + subject;
    }

    /** A task's name without what it is about: "Approve data-loss window — be01" gives "Approve data-loss window". */
    public static String baseName(String taskName) {
        if (taskName == null) {
            return null;
        }
        int at = taskName.lastIndexOf(SEPARATOR);
        return at < 0 ? taskName : taskName.substring(0, at);
    }
}
