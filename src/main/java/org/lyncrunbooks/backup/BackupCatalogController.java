package org.lyncrunbooks.backup;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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
        try {
            return catalog.overview(page, size);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
