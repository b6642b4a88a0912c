/**
 * Read models over the cards of account monitoring: the {@link
 * io.github.discoverysdk.insight.RiskFlag} classifier ({@link
 * io.github.discoverysdk.insight.RiskFlags}), the time from signal to card, an account's health, an
 * account manager's inbox statistics and filtered inbox, and a tenant's dashboard, all answered by
 * the {@link io.github.discoverysdk.insight.InsightStore} ({@code Storage.insight()}) inside its
 * queries, scoped to the reader's accounts.
 */
package io.github.discoverysdk.insight;
