package org.lyncrunbooks.drift;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lyncrunbooks.workflow.CurrentUser;
import org.lyncrunbooks.workflow.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The topology generated from the farm ({@code GET /api/topology/from-farm}, administrators), a check of the farm
 * against the topology file now ({@code POST /api/topology/drift-check}, operators and administrators) and the last
 * check's report ({@code GET /api/topology/drift}, those and managers and monitoring). Behind the API's login like every {@code /api} path.
 */
@RestController
@RequestMapping("/api/topology")
class TopologyDriftController {

    private static final Logger log = LoggerFactory.getLogger(TopologyDriftController.class);

    private final TopologyDriftService service;
    private final CurrentUser user;

    TopologyDriftController(TopologyDriftService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GetMapping(value = "/from-farm", produces = "application/yaml")
    ResponseEntity<String> fromFarm() {
        if (!user.isMemberOf(Groups.ADMINISTRATORS)) {
            log.warn("Refused GET /api/topology/from-farm to {}: only lync-administrators may read the farm's topology",
                    user.id());
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "only lync-administrators may generate the topology file from the farm");
        }
        try {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml; charset=utf-8"))
                    .body(service.fromFarm());
        } catch (RuntimeException e) {
            log.warn("GET /api/topology/from-farm: the farm's topology could not be read: {}", e.getMessage());
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                    "the farm's topology could not be read: " + e.getMessage());
        }
    }

    @PostMapping("/drift-check")
    Map<String, Object> check() {
        if (!user.isMemberOf(Groups.ADMINISTRATORS) && !user.isMemberOf(Groups.OPERATORS)) {
            log.warn("Refused POST /api/topology/drift-check to {}: operators and administrators only", user.id());
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "only lync-operators and lync-administrators may check the farm's topology");
        }
        return view(service.check("on demand by " + user.id()));
    }

    @GetMapping("/drift")
    Map<String, Object> last() {
        if (!user.isMemberOf(Groups.ADMINISTRATORS) && !user.isMemberOf(Groups.OPERATORS)
                && !user.isMemberOf(Groups.MANAGERS) && !user.isMemberOf(Groups.MONITORING)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only lync-operators, lync-administrators, "
                    + "lync-managers and lync-monitoring may read the topology check");
        }
        return service.last().map(TopologyDriftController::view).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no check of the farm's topology has run on this node since it started"));
    }

    private static Map<String, Object> view(DriftReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checkedAt", report.checkedAt().toString());
        view.put("trigger", report.trigger());
        view.put("summary", report.summary());
        view.put("differences", report.differences());
        view.put("unprotectedItems", report.unprotected().size());
        view.put("yamlToAdd", report.yamlToAdd());
        if (report.error() != null) {
            view.put("error", report.error());
        }
        return view;
    }
}
