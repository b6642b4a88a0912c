/** The benchmark of system-of-record tracking: incremental record jobs against a full rescan. */
package io.github.discoverysdk.benchmarks.records;
