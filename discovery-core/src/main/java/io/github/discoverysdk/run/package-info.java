/**
 * Not API: public only so that the engine can drive it; may change without notice.
 *
 * <p>One discovery run as the stages of the design's pipeline, each a small package-private class
 * working on a batch and owning its counters: {@code PlanStage} (profiles due to distinct queries),
 * {@code FetchStage} (one page of one query: shared cache, budget, cost ledger, cursor), {@code
 * SignalStage} (upsert, diff, lifecycle events), {@code MatchStage} (the profile index), {@code
 * ScoreStage} (factors, timing, predictions), {@code OpportunityStage} (idempotent batch upsert),
 * {@code DeliverStage} (outbox) and {@code ReportStage}. {@code BatchWriter} runs the transactional
 * stages over one batch in one transaction with its watermark; {@code QueryPager} pages one query;
 * {@code BackfillStage}, {@code RefreshStage}, {@code ArchiveStage}, {@code EnrichStage} and {@code
 * WarmStartStage} reuse them. {@link io.github.discoverysdk.run.RunPipeline} is the entry point the
 * engine calls.
 */
package io.github.discoverysdk.run;
