/**
 * The SDK's values: profiles, signals, matches, opportunities, feedback, run reports and feed
 * queries. All are immutable, thread-safe and validated when built; an invalid value fails with a
 * {@link io.github.discoverysdk.ValidationException} naming the field.
 */
package io.github.discoverysdk.model;
