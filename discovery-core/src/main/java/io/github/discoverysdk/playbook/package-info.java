/**
 * Playbooks: what an account manager should do about a card. A {@link
 * io.github.discoverysdk.playbook.Playbook} holds steps, a channel and templates for an e-mail, a
 * LinkedIn message and a call opener; {@link io.github.discoverysdk.playbook.Playbooks} holds a
 * host's playbooks and the ordered {@link io.github.discoverysdk.playbook.PlaybookRule rules} over
 * signal type, score factors, account tier and risk flags that select one for a card, with the
 * reasons why. {@link io.github.discoverysdk.playbook.Playbooks#defaults()} ships a few.
 */
package io.github.discoverysdk.playbook;
