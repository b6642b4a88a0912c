/**
 * JMH benchmarks with side-by-side peers. Not deployed; filled by the matching and storage issues.
 */
package io.github.discoverysdk.benchmarks;
