/** The storage benchmark: JDBC upserts against raw batch inserts and COPY; feed latency. */
package io.github.discoverysdk.benchmarks.storage;
