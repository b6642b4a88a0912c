/**
 * Outreach drafts for opportunity cards: the {@link io.github.discoverysdk.draft.DraftGenerator}
 * SPI, its default {@link io.github.discoverysdk.draft.TemplateDraftGenerator} (the matched
 * playbook's Mustache templates), the versioned {@link io.github.discoverysdk.draft.Draft}s and
 * {@link io.github.discoverysdk.draft.PlaybookMatch}es kept by {@link
 * io.github.discoverysdk.draft.DraftStore} ({@code Storage.drafts()}), and the {@link
 * io.github.discoverysdk.draft.Drafts} service that matches, generates and edits them.
 */
package io.github.discoverysdk.draft;
