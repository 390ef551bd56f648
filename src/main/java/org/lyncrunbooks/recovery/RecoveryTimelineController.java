package org.lyncrunbooks.recovery;

import org.lyncrunbooks.workflow.Page;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The recovery timeline's API, for the Cockpit page and for scripts: {@code GET /api/manager/recoveries?page=&size=}
 * (newest first) and {@code GET /api/manager/recoveries/{id}} (every step), for managers and administrators; and
 * {@code GET /api/manager/recoveries/{id}/report}, the recovery report as a JSON download, which the operators who
 * review it may read too (the link in "Review recovery report" and on the timeline; it works after the recovery
 * ended).
 */
@RestController
@RequestMapping("/api/manager/recoveries")
class RecoveryTimelineController {

    private final RecoveryTimeline timeline;

    RecoveryTimelineController(RecoveryTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping
    Page<RecoveryTimeline.Summary> recoveries(@RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "20") int size) {
        return timeline.page(page, size);
    }

    @GetMapping("/{recoveryId}")
    RecoveryTimeline.Detail recovery(@PathVariable String recoveryId) {
        return timeline.recovery(recoveryId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no recovery with id " + recoveryId));
    }

    @GetMapping("/{recoveryId}/report")
    ResponseEntity<String> report(@PathVariable String recoveryId) {
        String json = timeline.reportJson(recoveryId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no recovery with id " + recoveryId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("recovery-report-" + recoveryId + ".json").build().toString())
                .body(json);
    }

    /** A bad page or size is answered with what is wrong with it. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "message", e.getMessage()));
    }
}
