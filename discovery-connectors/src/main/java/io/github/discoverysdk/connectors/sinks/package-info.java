/**
 * Where opportunities go once found: alert sinks (a Slack incoming webhook, a signed generic
 * webhook, email over SMTP), CRM sinks (HubSpot, Salesforce, Pipedrive) that write idempotently
 * through each CRM's external id, and an iCalendar export of outreach dates.
 *
 * <p>Every HTTP sink talks through the shared {@link
 * io.github.discoverysdk.connectors.http.HttpToolkit}: SSRF guard on every resolved address,
 * retries of 429 (after {@code Retry-After}) and 5xx with backoff on the injected clock and
 * sleeper. A sink throws a {@link io.github.discoverysdk.connectors.sinks.DeliveryException} (the
 * core's {@link io.github.discoverysdk.SinkException}) whose {@code permanent()} tells the delivery
 * outbox whether a later retry can help. Delivery is at least once; each sink makes a repeated
 * delivery harmless (an idempotency key, an upsert, a search before create) where the service
 * allows it.
 */
package io.github.discoverysdk.connectors.sinks;
