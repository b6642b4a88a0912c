/**
 * Entity matching: normalisation of names, titles and domains, and the {@link
 * io.github.discoverysdk.matching.ProfileIndex} that finds, in one pass over a signal, every
 * profile it concerns.
 */
package io.github.discoverysdk.matching;
