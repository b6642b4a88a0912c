package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStats;
import io.github.discoverysdk.samples.inbox.Views.AuditView;
import io.github.discoverysdk.samples.inbox.Views.CardView;
import io.github.discoverysdk.samples.inbox.Views.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Review of cards: list, submit, approve, reject, refine, and each card's history. Every action
 * takes the card's {@code version} and answers 409 when it is stale. Thread-safe.
 */
@RestController
@RequestMapping("/api/v1/reviews")
public class ReviewApi {
  private final Clock clock;

  /** The API on the engine's clock. */
  public ReviewApi(Clock clock) {
    this.clock = clock;
  }

  /** The version of the card the caller saw, and an optional reason. */
  public record Decision(@NotNull @PositiveOrZero Long version, @Size(max = 4000) String reason) {}

  /** A refinement: narrative, score override (0..1, with a reason) and a note. */
  public record RefineRequest(
      @NotNull @PositiveOrZero Long version,
      @Size(max = 4000) String narrative,
      @DecimalMin("0.0") @DecimalMax("1.0") Double scoreOverride,
      @Size(max = 4000) String scoreReason,
      @Size(max = 4000) String note) {}

  /** The reason a card is rejected; required. */
  public record Rejection(
      @NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 4000) String reason) {}

  /** The caller's cards in the given states (all when none), keyset-paged by {@code cursor}. */
  @GetMapping
  public PageView<CardView> list(
      SecuredEngine engine,
      @RequestParam(required = false) Set<ReviewState> state,
      @RequestParam(required = false) @Size(max = 2000) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
    Set<ReviewState> states =
        state == null || state.isEmpty() ? EnumSet.allOf(ReviewState.class) : state;
    return PageView.of(
        engine.reviews().list(states, Optional.ofNullable(cursor), limit), CardView::of);
  }

  /** Counts by state and the median time to review over {@code [from, to)} (default 30 days). */
  @GetMapping("/stats")
  public ReviewStats stats(
      SecuredEngine engine,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    Instant end = to == null ? clock.instant().plusSeconds(1) : to;
    return engine.reviews().stats(from == null ? end.minus(Duration.ofDays(30)) : from, end);
  }

  /** One card. */
  @GetMapping("/{id}")
  public CardView find(SecuredEngine engine, @PathVariable String id) {
    return CardView.of(
        engine
            .reviews()
            .find(FeedApi.oid(engine, id))
            .orElseThrow(() -> new NotFoundException("no card " + id)));
  }

  /** Sends a NEW card to review. */
  @PostMapping("/{id}/submit")
  public CardView submit(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody Decision body) {
    return CardView.of(engine.reviews().submit(FeedApi.oid(engine, id), body.version()));
  }

  /** Approves a card awaiting review. */
  @PostMapping("/{id}/approve")
  public CardView approve(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody Decision body) {
    return CardView.of(
        engine
            .reviews()
            .approve(FeedApi.oid(engine, id), body.version(), Optional.ofNullable(body.reason())));
  }

  /** Rejects a card awaiting review, with a reason. */
  @PostMapping("/{id}/reject")
  public CardView reject(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody Rejection body) {
    return CardView.of(
        engine.reviews().reject(FeedApi.oid(engine, id), body.version(), body.reason()));
  }

  /** Refines a card: narrative, score override with its reason, a note. */
  @PostMapping("/{id}/refine")
  public CardView refine(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody RefineRequest body) {
    Refinement.Builder r = Refinement.builder();
    Optional.ofNullable(body.narrative()).filter(s -> !s.isBlank()).ifPresent(r::narrative);
    Optional.ofNullable(body.scoreOverride()).ifPresent(r::scoreOverride);
    Optional.ofNullable(body.scoreReason()).filter(s -> !s.isBlank()).ifPresent(r::scoreReason);
    Optional.ofNullable(body.note()).filter(s -> !s.isBlank()).ifPresent(r::note);
    return CardView.of(engine.reviews().refine(FeedApi.oid(engine, id), body.version(), r.build()));
  }

  /** The card's history: every change, who made it and why. */
  @GetMapping("/{id}/history")
  public List<AuditView> history(SecuredEngine engine, @PathVariable String id) {
    return engine.reviews().history(FeedApi.oid(engine, id)).stream().map(AuditView::of).toList();
  }
}
