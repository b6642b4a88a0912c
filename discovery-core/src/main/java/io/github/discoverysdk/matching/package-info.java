/**
 * Entity matching: {@link io.github.discoverysdk.matching.Normalizer normalisation} of names,
 * titles and domains shared by the index and the texts it scans; the {@link
 * io.github.discoverysdk.matching.ProfileIndex} that finds, in one pass over a signal, every
 * profile it concerns, with fuzzy confirmation, common-word guards and evidence-ordered confidence,
 * and that is updated in place when a profile is saved or deleted; {@link
 * io.github.discoverysdk.matching.JobTitle job titles} with seniority and function; and a small
 * {@link io.github.discoverysdk.matching.Taxonomy taxonomy} of industries and regions.
 */
package io.github.discoverysdk.matching;
