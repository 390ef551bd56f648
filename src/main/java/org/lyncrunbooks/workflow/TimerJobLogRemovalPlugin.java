package org.lyncrunbooks.workflow;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * Gives the job log entries of timer start events (the backup schedule's nightly timer) a removal time, so that
 * history cleanup removes them with the rest of the history. Camunda stamps removal times from a root process
 * instance, and the job of a timer start event has none: without this its entries, two a night, stay forever. The
 * removal time is the entry's time plus its process definition's history time to live, as for everything else.
 */
@Component
class TimerJobLogRemovalPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new Stamping(configuration.getHistoryEventHandler(), configuration));
    }

    /** Stamps the removal time on timer start job log events, then hands every event to the engine's handler. */
    static final class Stamping implements HistoryEventHandler {

        private final HistoryEventHandler handler;
        private final ProcessEngineConfigurationImpl configuration;

        Stamping(HistoryEventHandler handler, ProcessEngineConfigurationImpl configuration) {
            this.handler = handler;
            this.configuration = configuration;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            stamp(event);
            handler.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::stamp);
            handler.handleEvents(events);
        }

        private void stamp(HistoryEvent event) {
            if (event instanceof HistoricJobLogEvent log && log.getRemovalTime() == null
                    && log.getRootProcessInstanceId() == null && log.getTimestamp() != null
                    && TimerStartEventJobHandler.TYPE.equals(log.getJobDefinitionType())
                    && log.getProcessDefinitionId() != null) {
                ProcessDefinitionEntity definition = configuration.getDeploymentCache()
                        .findDeployedProcessDefinitionById(log.getProcessDefinitionId());
                Integer days = definition == null ? null : definition.getHistoryTimeToLive();
                if (days != null) {
                    log.setRemovalTime(Date.from(log.getTimestamp().toInstant().plus(Duration.ofDays(days))));
                }
            }
        }
    }
}
