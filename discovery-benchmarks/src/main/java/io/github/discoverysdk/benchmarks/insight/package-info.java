/** The benchmark of the insight read models (issue #15): inbox figures and account health. */
package io.github.discoverysdk.benchmarks.insight;
