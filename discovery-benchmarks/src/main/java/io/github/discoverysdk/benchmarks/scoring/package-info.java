/**
 * The scoring benchmark: opportunities scored per second by {@code Scoring.defaults()}, with and
 * without the conversion prediction, and allocation per opportunity.
 */
package io.github.discoverysdk.benchmarks.scoring;
