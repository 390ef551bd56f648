/**
 * Copying a file store tree into a set and back while hashing it, re-hashing a tree against expected files,
 * and paths that never leave their root. The bottom of the stack: it knows nothing else of ours.
 */
package org.lyncrunbooks.filestore;
