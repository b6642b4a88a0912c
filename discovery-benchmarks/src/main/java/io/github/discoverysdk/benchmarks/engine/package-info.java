/**
 * The whole-run engine benchmark: {@code discoverAll} over a generated workload on each storage,
 * beside a raw JDBC insert of the same opportunity rows. See {@code docs/benchmarks/engine.md}.
 */
package io.github.discoverysdk.benchmarks.engine;
