package org.lyncrunbooks.workflow;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;

/**
 * Camunda's cron as the engine's timers read it (6 fields: seconds minutes hours day-of-month month
 * day-of-week; no year), checked and evaluated with the engine's own calendar: it is the only parser that accepts
 * exactly what a timer will accept.
 */
public final class Cron {

    private Cron() {
    }

    /**
     * Checks that a timer would accept {@code cron}.
     *
     * @throws IllegalArgumentException with the engine's reason when it would not
     */
    public static void check(String cron) {
        try {
            new CycleBusinessCalendar().resolveDuedate(cron);
        } catch (ProcessEngineException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The next time a timer with {@code cron} fires after {@code after}. */
    public static Instant next(String cron, Instant after) {
        return new CycleBusinessCalendar().resolveDuedate(cron, Date.from(after)).toInstant();
    }
}
