/** The search benchmark: indexing throughput and scoped query latency of the Lucene index. */
package io.github.discoverysdk.benchmarks.search;
