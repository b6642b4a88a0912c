package io.github.discoverysdk.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each profile's {@link FeedbackModel} in storage, updated as feedback arrives, so that a
 * {@link Scoring#learning learning scorer} ranks what the user keeps dismissing lower and what they
 * save or convert higher. Register it with {@code
 * DiscoveryEngine.builder().allowSystemCalls().addOutcomeListener(...)}; it is called inside the
 * feedback's transaction. Thread-safe.
 *
 * <p>The state ({@code "feedback:<profile id>"}) holds, per feature, the decayed sum of the signs
 * of the feedback and the decayed count of feedback, both as of one instant; decaying them to a
 * later instant and dividing gives exactly the evidence {@link FeedbackModel#learn} computes from
 * the full history, without keeping it. The same feedback (type and reason) on the same opportunity
 * counts once.
 */
public final class FeedbackLearner implements OutcomeListener {
  /** Prefix of the model states this learner writes, followed by the profile id's value. */
  public static final String NAME_PREFIX = "feedback:";

  private static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LearningPolicy policy;
  private final Clock clock;
  // Feedback learned per profile by this learner, so that a scorer's cached model knows it is old.
  private final ConcurrentHashMap<ProfileId, Long> generations = new ConcurrentHashMap<>();

  private FeedbackLearner(LearningPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /** A learner with this policy, taking time from {@code clock} for feedback without one. */
  public static FeedbackLearner create(LearningPolicy policy, Clock clock) {
    return new FeedbackLearner(
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(clock, "clock"));
  }

  /** The name of a profile's feedback model state. */
  public static String modelName(ProfileId profileId) {
    return NAME_PREFIX + Objects.requireNonNull(profileId, "profileId").value();
  }

  /** The policy this learner decays and weighs feedback with. */
  public LearningPolicy policy() {
    return policy;
  }

  @Override
  public void onFeedback(Opportunity opportunity, Feedback feedback, Storage tx) {
    Objects.requireNonNull(opportunity, "opportunity");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(tx, "tx");
    // The engine recorded this feedback before calling; an earlier one alike was learned already.
    long alike =
        tx.opportunities().listFeedback(opportunity.id()).stream()
            .filter(
                f ->
                    f.type() == feedback.type()
                        && f.dismissReason().equals(feedback.dismissReason()))
            .count();
    if (alike > 1) {
      return;
    }
    generations.merge(opportunity.profileId(), 1L, Long::sum);
    Instant at = feedback.at().orElse(clock.instant());
    String name = modelName(opportunity.profileId());
    Optional<ModelState> stored = tx.models().find(opportunity.tenant(), name);
    Sums sums = stored.map(FeedbackLearner::parse).orElseGet(() -> new Sums(at, new HashMap<>()));
    sums = sums.decayedTo(at, policy.halfLife());
    for (String feature : OpportunityFeatures.of(opportunity)) {
      double[] sw = sums.features().computeIfAbsent(feature, k -> new double[2]);
      sw[0] += FeedbackModel.signOf(feedback, feature);
      sw[1] += 1;
    }
    ModelState.Builder state =
        ModelState.builder()
            .tenant(opportunity.tenant())
            .name(name)
            .payload(format(sums))
            .updatedAt(clock.instant());
    stored.ifPresent(s -> state.version(s.version()));
    tx.models().save(state.build());
  }

  /** The profile's model as of {@code now}; an empty one when it has no feedback. */
  public FeedbackModel model(Storage storage, ProfileId profileId, Instant now) {
    Objects.requireNonNull(now, "now");
    return model(read(storage, profileId), now);
  }

  /** The profile's stored sums, if it has any; for {@link LearningScorer}'s cache. */
  Optional<Sums> read(Storage storage, ProfileId profileId) {
    Objects.requireNonNull(storage, "storage");
    return storage
        .models()
        .find(profileId.tenant(), modelName(profileId))
        .map(FeedbackLearner::parse);
  }

  /** How many feedbacks this learner learned for the profile; changes when its model does. */
  long generation(ProfileId profileId) {
    return generations.getOrDefault(profileId, 0L);
  }

  /** The model of stored sums as of {@code now}. */
  FeedbackModel model(Optional<Sums> stored, Instant now) {
    if (stored.isEmpty()) {
      return FeedbackModel.empty(policy);
    }
    Sums sums = stored.get().decayedTo(now, policy.halfLife());
    Map<String, Double> evidence = new HashMap<>();
    sums.features()
        .forEach(
            (feature, sw) -> {
              if (sw[0] != 0) {
                evidence.put(feature, sw[0] / (sw[1] + policy.priorWeight()));
              }
            });
    return FeedbackModel.of(policy, evidence);
  }

  /** Decayed sums of signs and of counts per feature, as of {@code at}. */
  record Sums(Instant at, Map<String, double[]> features) {
    Sums decayedTo(Instant now, Duration halfLife) {
      double seconds = Math.max(0, Duration.between(at, now).toSeconds());
      double factor = Math.pow(0.5, seconds / halfLife.toSeconds());
      if (!now.isAfter(at) || factor == 1.0) {
        return this;
      }
      Map<String, double[]> out = new HashMap<>();
      features.forEach((f, sw) -> out.put(f, new double[] {sw[0] * factor, sw[1] * factor}));
      return new Sums(now, out);
    }
  }

  private static String format(Sums sums) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("at", sums.at().toString());
    ObjectNode features = root.putObject("features");
    sums.features().forEach((f, sw) -> features.putArray(f).add(sw[0]).add(sw[1]));
    return root.toString();
  }

  private static Sums parse(ModelState state) {
    try {
      JsonNode root = MAPPER.readTree(state.payload());
      if (root == null || root.path("format").asInt() != FORMAT || !root.has("at")) {
        throw new ValidationException(
            "model state " + state.name() + " of tenant " + state.tenant() + " is not format 1");
      }
      Map<String, double[]> features = new HashMap<>();
      root.path("features")
          .properties()
          .forEach(
              e ->
                  features.put(
                      e.getKey(),
                      new double[] {
                        e.getValue().path(0).asDouble(), e.getValue().path(1).asDouble()
                      }));
      return new Sums(Instant.parse(root.get("at").asText()), features);
    } catch (JsonProcessingException | RuntimeException e) {
      if (e instanceof ValidationException v) {
        throw v;
      }
      throw new ValidationException(
          "model state " + state.name() + " of tenant " + state.tenant() + " cannot be read", e);
    }
  }
}
