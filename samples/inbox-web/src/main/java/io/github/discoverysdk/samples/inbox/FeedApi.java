package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.samples.inbox.Views.OpportunityView;
import io.github.discoverysdk.samples.inbox.Views.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
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

/** The feed, one opportunity, and feedback on it. Thread-safe. */
@RestController
@RequestMapping("/api/v1")
public class FeedApi {
  /** Feedback on an opportunity: {@code reason} is required with {@code DISMISS}. */
  public record FeedbackRequest(
      @NotNull FeedbackType type,
      DismissReason reason,
      @PositiveOrZero BigDecimal value,
      @Size(max = 2000) String note) {
    /** A dismissal must say why, so that the feed learns from it. */
    @AssertTrue(message = "reason is required with DISMISS")
    public boolean isReasonGiven() {
      return type != FeedbackType.DISMISS || reason != null;
    }
  }

  /** One feedback row. */
  public record FeedbackView(
      String type, String reason, BigDecimal value, String actor, String note, Instant at) {}

  /**
   * The feed, newest page first; keyset-paged: pass {@code nextCursor} back as {@code cursor}, with
   * the same filters. {@code urgency} is repeated or a comma list ({@code urgency=CRITICAL,HIGH});
   * the storage filters before paging, so every page is full. A caller scoped below the tenant must
   * name a profile.
   */
  @GetMapping("/feed")
  public PageView<OpportunityView> feed(
      SecuredEngine engine,
      @RequestParam(required = false) String profileId,
      @RequestParam(required = false) Set<OpportunityStatus> status,
      @RequestParam(required = false) Set<SignalType> type,
      @RequestParam(required = false) Set<SignalStrength> strength,
      @RequestParam(name = UrgencyParam.NAME, required = false) List<String> urgency,
      @RequestParam(required = false) @Min(0) @Max(100) Double minScore,
      @RequestParam(defaultValue = "RELEVANCE") FeedSort sort,
      @RequestParam(required = false) @Size(max = 2000) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(FeedQuery.MAX_LIMIT) int limit) {
    String tenant = engine.principal().tenant();
    FeedQuery.Builder q =
        profileId == null
            ? FeedQuery.forTenant(tenant)
            : FeedQuery.forProfile(ProfileId.of(tenant, profileId));
    if (status != null) {
      q.addAllStatuses(status);
    }
    if (type != null) {
      q.addAllTypes(type);
    }
    if (strength != null) {
      q.addAllStrengths(strength);
    }
    if (minScore != null) {
      q.minScore(minScore);
    }
    q.addAllUrgencies(UrgencyParam.parse(urgency));
    q.sortBy(sort).limit(limit).cursor(Optional.ofNullable(cursor));
    return PageView.of(engine.feed(q.build()), OpportunityView::of);
  }

  /** One opportunity with its score breakdown, evidence and timing. */
  @GetMapping("/opportunities/{id}")
  public OpportunityView opportunity(SecuredEngine engine, @PathVariable String id) {
    return OpportunityView.of(
        engine
            .findOpportunity(oid(engine, id))
            .orElseThrow(() -> new NotFoundException("no opportunity " + id)));
  }

  /** Records feedback (save, dismiss with a reason, actioned, converted, lost). */
  @PostMapping("/opportunities/{id}/feedback")
  public OpportunityView feedback(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody FeedbackRequest body) {
    Feedback.Builder f = Feedback.builder().type(body.type());
    if (body.reason() != null) {
      f.dismissReason(body.reason());
    }
    if (body.value() != null) {
      f.value(body.value());
    }
    if (body.note() != null && !body.note().isBlank()) {
      f.note(body.note());
    }
    f.actor(engine.principal().user());
    return OpportunityView.of(engine.feedback(oid(engine, id), f.build()));
  }

  /** The feedback given on an opportunity, oldest first. */
  @GetMapping("/opportunities/{id}/feedback")
  public List<FeedbackView> feedbackOf(SecuredEngine engine, @PathVariable String id) {
    return engine.feedbackOf(oid(engine, id)).stream()
        .map(
            f ->
                new FeedbackView(
                    f.type().name(),
                    f.dismissReason().map(Enum::name).orElse(null),
                    f.value().orElse(null),
                    f.actor().orElse(null),
                    f.note().orElse(null),
                    f.at().orElse(null)))
        .toList();
  }

  static OpportunityId oid(SecuredEngine engine, String id) {
    return OpportunityId.of(engine.principal().tenant(), id);
  }
}
