/** Temporal intelligence: urgency, optimal outreach date and action window of a signal. */
package io.github.discoverysdk.temporal;
