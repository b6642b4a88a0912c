/**
 * Not API: public only so that the engine can drive it; may change without notice.
 *
 * <p>One discovery run as the stages of the design's pipeline, each a small package-private class
 * working on a batch and owning its counters: {@link io.github.discoverysdk.run.PlanStage}
 * (profiles due to distinct queries), {@link io.github.discoverysdk.run.FetchStage} (one page of
 * one query: shared cache, budget, cost ledger, cursor), {@link
 * io.github.discoverysdk.run.SignalStage} (upsert, diff, lifecycle events), {@link
 * io.github.discoverysdk.run.MatchStage} (the profile index), {@link
 * io.github.discoverysdk.run.ScoreStage} (factors, timing, predictions), {@link
 * io.github.discoverysdk.run.OpportunityStage} (idempotent batch upsert), {@link
 * io.github.discoverysdk.run.DeliverStage} (outbox), and {@link
 * io.github.discoverysdk.run.ReportStage}. {@link io.github.discoverysdk.run.BatchWriter} runs the
 * transactional stages over one batch in one transaction with its watermark; {@link
 * io.github.discoverysdk.run.QueryPager} pages one query; {@link
 * io.github.discoverysdk.run.RunPipeline} is the entry point the engine calls.
 */
package io.github.discoverysdk.run;
