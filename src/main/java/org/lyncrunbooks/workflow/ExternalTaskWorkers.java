package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.stereotype.Component;

/** Makes {@link ExternalTaskWorker}s for the capabilities, which know their topics and handlers but not the engine. */
@Component
public class ExternalTaskWorkers {

    private final ExternalTaskService externalTasks;
    private final TaskReader reader;

    public ExternalTaskWorkers(ExternalTaskService externalTasks, RuntimeService runtime, RepositoryService repository) {
        this.externalTasks = externalTasks;
        this.reader = new TaskReader(runtime, repository);
    }

    /** A worker for {@code settings.topic()}; register it as a bean so that it starts and stops with the application. */
    public <K> ExternalTaskWorker<K> worker(ExternalTaskWorker.Settings settings, ExternalTaskWorker.Handler<K> handler) {
        return new ExternalTaskWorker<>(externalTasks, reader, settings, handler);
    }

    /** A locked task as a handler reads it (for tests that fetch and lock tasks themselves). */
    public ExternalTaskWorker.Task task(LockedExternalTask task) {
        return reader.read(task);
    }

    /** Reads a locked task for its handler: the fetched variables at once, the rest from the engine when asked. */
    static final class TaskReader {

        private final RuntimeService runtime;
        private final RepositoryService repository;

        TaskReader(RuntimeService runtime, RepositoryService repository) {
            this.runtime = runtime;
            this.repository = repository;
        }

        ExternalTaskWorker.Task read(LockedExternalTask task) {
            return new ExternalTaskWorker.Task() {
                @Override
                public String businessKey() {
                    return task.getBusinessKey();
                }

                @Override
                public Object variable(String name) {
                    return task.getVariables().get(name);
                }

                @Override
                public Object executionVariable(String name) {
                    return runtime.getVariable(task.getExecutionId(), name);
                }

                @Override
                public boolean definitionHas(String elementId) {
                    return repository.getBpmnModelInstance(task.getProcessDefinitionId())
                            .getModelElementById(elementId) != null;
                }
            };
        }
    }
}
