/**
 * The lab farm (profile lab): a Java stand-in for a Lync farm's cmdlets, SQL Server instances, file stores,
 * DNS and people's hands, behaving as Lync does. Nothing outside the lab depends on it.
 */
package org.lyncrunbooks.lab;
