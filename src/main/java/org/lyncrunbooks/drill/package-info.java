/**
 * Restore drills: the {@code lync-restore-drill} process and its schedule, which restore every item of a backup set
 * into scratch targets, check it as its import would read it, and remove the scratch copies.
 */
package org.lyncrunbooks.drill;
