package org.lyncrunbooks.backup;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backup catalog's API, for the Cockpit page and for scripts: {@code GET /api/manager/backup-sets?page=&size=}
 * (newest first, with the newest good set's age and the progress of a run in progress). Managers and administrators
 * only.
 */
@RestController
@RequestMapping("/api/manager/backup-sets")
class BackupCatalogController {

    private final BackupCatalog catalog;

    BackupCatalogController(BackupCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    BackupCatalog.Overview sets(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return catalog.overview(page, size);
    }

    /** A bad page or size is answered with what is wrong with it. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "message", e.getMessage()));
    }
}
