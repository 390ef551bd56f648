/**
 * Backup sets on the backup share: set ids, manifest.json, verification against the manifest, atomic
 * publication of CURRENT, and retention. Knows files, not the engine.
 */
package org.lyncrunbooks.backupset;
