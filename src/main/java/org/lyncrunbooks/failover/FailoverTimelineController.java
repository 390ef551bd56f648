package org.lyncrunbooks.failover;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The failovers and failbacks with RTO and RPO against Microsoft's targets, for managers and administrators:
 * {@code GET /api/manager/failovers?max=} (newest first), beside {@code /api/manager/recoveries}.
 */
@RestController
@RequestMapping("/api/manager/failovers")
class FailoverTimelineController {

    private final FailoverTimeline timeline;

    FailoverTimelineController(FailoverTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping
    List<FailoverTimeline.Summary> failovers(@RequestParam(defaultValue = "20") int max) {
        return timeline.newestFirst(max);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }
}
