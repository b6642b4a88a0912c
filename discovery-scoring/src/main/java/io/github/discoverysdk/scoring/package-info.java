/**
 * Scoring of opportunities with explanations. {@link
 * io.github.discoverysdk.scoring.Scoring#defaults()} is the scorer to start with; {@link
 * io.github.discoverysdk.scoring.FeedbackModel} and {@link
 * io.github.discoverysdk.scoring.ConversionModel} learn from feedback and outcomes; {@link
 * io.github.discoverysdk.scoring.CollectiveIntelligence} gives anonymous cross-tenant social proof;
 * {@link io.github.discoverysdk.scoring.WarmStart} gives a new profile a first feed from similar
 * profiles.
 */
package io.github.discoverysdk.scoring;
