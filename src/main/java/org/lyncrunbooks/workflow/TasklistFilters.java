package org.lyncrunbooks.workflow;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The Tasklist filters every group sees: the tasks offered to one's groups, and one's own. */
@Component
class TasklistFilters {

    static final String MY_GROUPS = "My groups' tasks";
    static final String MY_TASKS = "Assigned to me";
    private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

    private final FilterService filters;
    private final TaskService tasks;
    private final Authorizations authorizations;

    TasklistFilters(FilterService filters, TaskService tasks, Authorizations authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    /** Creates the filters that are missing and lets the groups read them. */
    void setUp() {
        TaskQuery groups = tasks.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
        TaskQuery mine = tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}");
        filter(MY_GROUPS, groups, -10, "Tasks offered to your groups (lync-operators, lync-dba, lync-managers)");
        filter(MY_TASKS, mine, 0, "Tasks you have claimed");
    }

    /**
     * Finds the filter by name; earlier versions could create it twice when two nodes started at once, so the
     * oldest is kept and the others are removed with their authorizations.
     */
    private void filter(String name, TaskQuery query, int priority, String description) {
        List<Filter> found = filters.createFilterQuery().filterName(name).orderByFilterId().asc().list();
        Filter filter;
        if (found.isEmpty()) {
            filter = filters.newTaskFilter(name).setQuery(query)
                    .setProperties(Map.of("priority", priority, "description", description, "refresh", true));
            filters.saveFilter(filter);
        } else {
            filter = found.get(0);
            for (Filter duplicate : found.subList(1, found.size())) {
                log.info("Removing the duplicate Tasklist filter '{}' ({})", name, duplicate.getId());
                authorizations.revokeAll(Resources.FILTER, duplicate.getId());
                filters.deleteFilter(duplicate.getId());
            }
        }
        for (String group : List.of(Groups.OPERATORS, Groups.DBA, Groups.MANAGERS)) {
            authorizations.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
