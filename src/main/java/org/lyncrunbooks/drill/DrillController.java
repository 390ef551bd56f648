package org.lyncrunbooks.drill;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The restore drills' API, for the Cockpit pages and for scripts (managers and administrators only):
 * <ul>
 *   <li>{@code GET /api/manager/drills?page=&size=}: every drill, newest set first, with the newest drill and the
 *       newest set proven restorable;</li>
 *   <li>{@code GET /api/manager/drills/sets?ids=a,b}: the drills of those sets (the backup catalog's column);</li>
 *   <li>{@code GET /api/manager/drills/{setId}}: one drill with every item's record;</li>
 *   <li>{@code GET /api/manager/drills/estimates}: each recovery procedure's machine time from the newest proven set,
 *       next to {@code lync.recovery.rto-target}.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/manager/drills")
class DrillController {

    private static final int MAX_SETS = 100;

    private final DrillCatalog catalog;

    DrillController(DrillCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    DrillCatalog.Overview drills(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return catalog.overview(page, size);
    }

    @GetMapping("/sets")
    Map<String, DrillCatalog.Summary> forSets(@RequestParam String ids) {
        List<String> setIds = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (setIds.size() > MAX_SETS) {
            throw new IllegalArgumentException("at most " + MAX_SETS + " set ids at once, not " + setIds.size());
        }
        return catalog.forSets(setIds);
    }

    @GetMapping("/estimates")
    DrillCatalog.Estimates estimates() {
        return catalog.estimates().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no restore drill has passed yet, so there is no measured restore time to estimate from"));
    }

    @GetMapping("/{setId}")
    DrillCatalog.Detail drill(@PathVariable String setId) {
        return catalog.drill(setId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no restore drill of set " + setId));
    }

    /** A bad page, size or set id is answered with what is wrong with it. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "message", e.getMessage()));
    }
}
