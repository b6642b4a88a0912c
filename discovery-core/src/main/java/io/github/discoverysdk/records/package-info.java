/**
 * Incremental tracking of a system of record: a {@link io.github.discoverysdk.records.RecordSource}
 * reads the rows changed since a watermark, the engine keeps each record's last known state,
 * detects the transitions the host declares ({@link io.github.discoverysdk.records.TransitionRule})
 * as conversions, keeps call queues current ({@link io.github.discoverysdk.records.QueueRule}) and
 * runs named jobs ({@link io.github.discoverysdk.records.RecordJob}) on the engine's scheduling.
 * Reached from the engine as {@code engine.records()}; its state lives in {@link
 * io.github.discoverysdk.records.RecordStore}, {@code Storage.records()}.
 */
package io.github.discoverysdk.records;
