/**
 * Closed-deal enrichment: the {@link io.github.discoverysdk.deals.Deal} model with its account and
 * contacts, the {@link io.github.discoverysdk.deals.DealStore} that keeps deals ({@code
 * Storage.deals()}), and the {@link io.github.discoverysdk.deals.DealSource} SPI through which a
 * CRM or an import hands in the deals that closed.
 */
package io.github.discoverysdk.deals;
