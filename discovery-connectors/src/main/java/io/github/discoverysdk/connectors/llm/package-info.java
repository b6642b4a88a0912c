/**
 * Outreach drafts written by a language model: {@link
 * io.github.discoverysdk.connectors.llm.ChatCompletionsDraftGenerator} asks an OpenAI-compatible
 * chat-completions endpoint, and falls back to the playbook's templates when it cannot.
 */
package io.github.discoverysdk.connectors.llm;
