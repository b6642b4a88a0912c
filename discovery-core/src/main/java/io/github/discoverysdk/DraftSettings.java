package io.github.discoverysdk;

import io.github.discoverysdk.draft.DraftGenerator;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.Playbooks;
import java.util.Set;
import java.util.function.Function;

/**
 * The builder's settings of playbooks and drafts ({@link DiscoveryEngine#drafts()}). Immutable; it
 * holds the host's objects as they are.
 *
 * @param playbooks the playbooks and their rules
 * @param generator writes drafts
 * @param riskFlags the risk flags a card's signal raises, for playbook rules
 */
record DraftSettings(
    Playbooks playbooks, DraftGenerator generator, Function<Signal, Set<RiskFlag>> riskFlags) {}
