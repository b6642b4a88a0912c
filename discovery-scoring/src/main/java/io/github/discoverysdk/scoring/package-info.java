/**
 * Scoring of opportunities with explanations. {@link
 * io.github.discoverysdk.scoring.Scoring#defaults()} is the scorer to start with.
 */
package io.github.discoverysdk.scoring;
