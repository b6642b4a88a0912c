/**
 * The engine side of system-of-record tracking: the {@link
 * io.github.discoverysdk.recordjobs.Records} facet ({@code engine.records()}) and the runner of
 * {@link io.github.discoverysdk.records.RecordJob}s. Apart from {@code records} because it uses the
 * storage SPI, which itself names the {@code records} store.
 */
package io.github.discoverysdk.recordjobs;
