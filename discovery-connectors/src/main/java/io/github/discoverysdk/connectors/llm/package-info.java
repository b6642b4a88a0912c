/**
 * Language models behind the SDK's SPIs, over an OpenAI-compatible chat-completions endpoint with
 * per-tenant credentials: {@link
 * io.github.discoverysdk.connectors.llm.ChatCompletionsDraftGenerator} writes outreach drafts and
 * falls back to the playbook's templates when it cannot; {@link
 * io.github.discoverysdk.connectors.llm.ChatCompletionsEntityExtractor} finds organisations and
 * people in a signal's text, locating each name in the text itself, and is used with the rules as
 * its fallback.
 */
package io.github.discoverysdk.connectors.llm;
