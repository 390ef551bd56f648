/**
 * The application's Prometheus metrics ({@code /actuator/prometheus}): the age, duration and size of the newest good
 * backup, the failed items and outcomes of backup runs, the last restore drill, the last recovery's RPO and RTO, the
 * open escalations. Gauges are read from the share and the engine's history when scraped, so every node reports
 * the same values and a restart loses nothing; the run counter counts the runs this node ended.
 */
package org.lyncrunbooks.metrics;
