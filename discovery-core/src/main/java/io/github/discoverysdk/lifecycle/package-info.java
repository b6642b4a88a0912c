/**
 * Lifecycle of tracked signals: what changed between two versions of a signal ({@link
 * io.github.discoverysdk.lifecycle.ChangeDetector}) and how stale a stored version is.
 */
@DiscoveryStyle
package io.github.discoverysdk.lifecycle;

import io.github.discoverysdk.model.DiscoveryStyle;
