package io.github.discoverysdk.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trains each profile's {@link ConversionModel} on the outcomes users record, and keeps it in
 * {@link Storage} (as the {@link ModelState} named {@code conversion:<profile id>}) so that it
 * survives restarts and is shared by every engine on the same storage. Thread-safe and stateless:
 * all state is in storage.
 *
 * <pre>{@code
 * ConversionLearner learner = ConversionLearner.create();
 * DiscoveryEngine engine = DiscoveryEngine.builder().allowSystemCalls()...addOutcomeListener(learner).build();
 * engine.feedback(id, Feedback.converted(value));       // trains and stores the model
 * Priority p = learner.priority(storage, opportunity);  // P1..P4 from the stored model
 * }</pre>
 *
 * <p>Converted, actioned, lost and dismissed feedback are outcomes; a save is not. The same outcome
 * given twice on one opportunity is learned once. The profile-history feature is the profile's
 * converted share of its outcomes so far (0 before the first), taken before the outcome being
 * learned and kept in the same state.
 *
 * <p>Conversions detected in a system of record ({@link OutcomeListener#onConversion}) teach it
 * only when built {@link #learningFromConversions} with a {@link ConversionMapping} naming the
 * opportunities a conversion is the outcome of (see there why the engine cannot know). A conversion
 * of positive value is learned as a {@code CONVERTED} outcome of each mapped opportunity, once: the
 * engine calls the listener once per conversion, in the transaction that stores it, so re-runs and
 * re-reads never repeat it; and an opportunity is learned as converted once, whether by feedback or
 * by conversion, first come (a conversion leaves a marker state {@code
 * conversion-outcome:<opportunity id>} in the model store so that a later converted feedback, or a
 * second conversion of the same record, is not learned again).
 *
 * <p>As an {@link OutcomeListener} it runs in the feedback's transaction: the model is saved with
 * the feedback, or neither is. When two feedbacks on one profile's opportunities commit at the same
 * time (two engines on one database), one of them fails with {@link
 * io.github.discoverysdk.ConcurrentUpdateException} and nothing of it is stored, so the caller may
 * retry it. A stored state that cannot be read fails the feedback with a {@link
 * ValidationException} rather than being overwritten.
 */
public final class ConversionLearner implements OutcomeListener {
  /** Prefix of the model states this learner writes, followed by the profile id's value. */
  public static final String NAME_PREFIX = "conversion:";

  private static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Profiles less similar than this lend nothing to a new profile's prior. */
  static final double PRIOR_MIN_SIMILARITY = 0.3;

  /** A new profile's prior averages the models of at most this many similar profiles. */
  static final int PRIOR_PROFILES = 5;

  /** Prefix of the marker states of opportunities learned as converted from a conversion. */
  static final String OUTCOME_PREFIX = "conversion-outcome:";

  private final Clock clock;
  private final Optional<ConversionMapping> conversions;
  private final ProfileSimilarity similarity = ProfileSimilarity.defaults();

  private ConversionLearner(Clock clock, Optional<ConversionMapping> conversions) {
    this.clock = clock;
    this.conversions = conversions;
  }

  /** A learner stamping its states with the system clock. */
  public static ConversionLearner create() {
    return create(Clock.systemUTC());
  }

  /** A learner stamping its states' {@code updatedAt} with {@code clock}. */
  public static ConversionLearner create(Clock clock) {
    return new ConversionLearner(Objects.requireNonNull(clock, "clock"), Optional.empty());
  }

  /**
   * This learner, also learning from the conversions of {@code engine.records()}: each conversion
   * of positive value is a {@code CONVERTED} outcome of the opportunities {@code mapping} names.
   */
  public ConversionLearner learningFromConversions(ConversionMapping mapping) {
    return new ConversionLearner(clock, Optional.of(Objects.requireNonNull(mapping, "mapping")));
  }

  /** The name of a profile's conversion model state. */
  public static String modelName(ProfileId profileId) {
    return NAME_PREFIX + Objects.requireNonNull(profileId, "profileId").value();
  }

  @Override
  public void onFeedback(Opportunity opportunity, Feedback feedback, Storage tx) {
    Objects.requireNonNull(opportunity, "opportunity");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(tx, "tx");
    FeedbackType type = feedback.type();
    if (type == FeedbackType.SAVE) {
      return;
    }
    // The engine recorded this feedback before calling; an earlier one of the same type means the
    // outcome was learned already.
    long sameType =
        tx.opportunities().listFeedback(opportunity.id()).stream()
            .filter(f -> f.type() == type)
            .count();
    if (sameType > 1) {
      return;
    }
    if (type == FeedbackType.CONVERTED && learnedFromConversion(tx, opportunity)) {
      return;
    }
    learn(tx, opportunity, type);
  }

  /**
   * Learns a conversion of positive value as a {@code CONVERTED} outcome of each opportunity the
   * mapping names, unless that opportunity was learned as converted already; ignores conversions
   * when this learner has no mapping.
   */
  @Override
  public void onConversion(Conversion conversion, Storage tx) {
    Objects.requireNonNull(conversion, "conversion");
    Objects.requireNonNull(tx, "tx");
    if (conversions.isEmpty() || !(conversion.value() > 0)) {
      return;
    }
    for (Opportunity o : conversions.get().opportunitiesOf(conversion, tx)) {
      if (!o.tenant().equals(conversion.tenant())
          || learnedFromConversion(tx, o)
          || tx.opportunities().listFeedback(o.id()).stream()
              .anyMatch(f -> f.type() == FeedbackType.CONVERTED)) {
        continue;
      }
      learn(tx, o, FeedbackType.CONVERTED);
      tx.models()
          .save(
              ModelState.builder()
                  .tenant(o.tenant())
                  .name(outcomeName(o))
                  .payload(MAPPER.createObjectNode().put("conversion", conversion.id()).toString())
                  .updatedAt(clock.instant())
                  .build());
    }
  }

  private static boolean learnedFromConversion(Storage tx, Opportunity o) {
    return tx.models().find(o.tenant(), outcomeName(o)).isPresent();
  }

  /** The marker's name; an id too long for a model name (200 characters) is hashed. */
  static String outcomeName(Opportunity o) {
    String id = o.id().value();
    if (OUTCOME_PREFIX.length() + id.length() <= 200) {
      return OUTCOME_PREFIX + id;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return OUTCOME_PREFIX + "sha256:" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private void learn(Storage tx, Opportunity opportunity, FeedbackType type) {
    String name = modelName(opportunity.profileId());
    Optional<ModelState> stored = tx.models().find(opportunity.tenant(), name);
    Learned learned =
        stored
            .map(ConversionLearner::parse)
            .orElseGet(() -> coldStart(tx, opportunity.profileId()));
    learned.model().learn(opportunity, type, learned.history());
    Learned next =
        new Learned(
            learned.model(),
            learned.outcomes() + 1,
            learned.converted() + (type == FeedbackType.CONVERTED ? 1 : 0));
    ModelState.Builder state =
        ModelState.builder()
            .tenant(opportunity.tenant())
            .name(name)
            .payload(format(next))
            .updatedAt(clock.instant());
    stored.ifPresent(s -> state.version(s.version()));
    tx.models().save(state.build());
  }

  /**
   * The probability 0..1 that {@code opportunity} converts, by its profile's stored model (0.5
   * while the profile has no outcomes).
   */
  public double probability(Storage storage, Opportunity opportunity) {
    Learned learned = load(storage, opportunity);
    return learned.model().probability(opportunity, learned.history());
  }

  /** The recommended priority of {@code opportunity}, by its profile's stored model. */
  public Priority priority(Storage storage, Opportunity opportunity) {
    return Priority.of(probability(storage, opportunity));
  }

  /** How many outcomes the profile's stored model learned from; 0 if it has none. */
  public long outcomes(Storage storage, ProfileId profileId) {
    Objects.requireNonNull(storage, "storage");
    return storage
        .models()
        .find(profileId.tenant(), modelName(profileId))
        .map(s -> parse(s).outcomes())
        .orElse(0L);
  }

  private Learned load(Storage storage, Opportunity opportunity) {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(opportunity, "opportunity");
    return storage
        .models()
        .find(opportunity.tenant(), modelName(opportunity.profileId()))
        .map(ConversionLearner::parse)
        .orElseGet(() -> coldStart(storage, opportunity.profileId()));
  }

  /**
   * A profile without a model of its own starts from {@link ConversionModel#prior} of the models of
   * the most similar profiles of its tenant ({@link ProfileSimilarity}, at least {@value
   * #PRIOR_MIN_SIMILARITY}, at most {@value #PRIOR_PROFILES}); from an untrained model when there
   * are none.
   */
  private Learned coldStart(Storage storage, ProfileId id) {
    Optional<Profile> self = storage.profiles().find(id);
    if (self.isEmpty()) {
      return Learned.fresh();
    }
    List<ConversionModel> similar = new ArrayList<>();
    storage.profiles().list(id.tenant()).stream()
        .filter(p -> !p.id().equals(id))
        .map(p -> Map.entry(p, similarity.between(self.get(), p)))
        .filter(e -> e.getValue() >= PRIOR_MIN_SIMILARITY)
        .sorted(Map.Entry.<Profile, Double>comparingByValue().reversed())
        .limit(PRIOR_PROFILES)
        .forEach(
            e ->
                storage
                    .models()
                    .find(id.tenant(), modelName(e.getKey().id()))
                    .map(ConversionLearner::parse)
                    .ifPresent(l -> similar.add(l.model())));
    return new Learned(ConversionModel.prior(similar), 0, 0);
  }

  static String format(Learned learned) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("outcomes", learned.outcomes());
    root.put("converted", learned.converted());
    root.put("updates", learned.model().updates());
    ArrayNode weights = root.putArray("weights");
    for (double w : learned.model().state()) {
      weights.add(w);
    }
    return root.toString();
  }

  static Learned parse(ModelState state) {
    try {
      JsonNode root = MAPPER.readTree(state.payload());
      if (root == null
          || root.path("format").asInt() != FORMAT
          || !root.path("weights").isArray()) {
        throw new ValidationException(
            "model state "
                + state.name()
                + " of tenant "
                + state.tenant()
                + " has no format "
                + FORMAT
                + " weights");
      }
      JsonNode array = root.get("weights");
      double[] weights = new double[array.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = array.get(i).asDouble(Double.NaN);
      }
      long outcomes = root.path("outcomes").asLong(-1);
      long converted = root.path("converted").asLong(-1);
      if (outcomes < 0 || converted < 0 || converted > outcomes) {
        throw new ValidationException(
            "model state " + state.name() + " of tenant " + state.tenant() + " has invalid counts");
      }
      return new Learned(
          ConversionModel.fromState(weights, root.path("updates").asLong(0)), outcomes, converted);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "model state " + state.name() + " of tenant " + state.tenant() + " is not JSON", e);
    }
  }

  /** A model with the counts behind its profile-history feature. */
  record Learned(ConversionModel model, long outcomes, long converted) {
    static Learned fresh() {
      return new Learned(ConversionModel.create(), 0, 0);
    }

    /** The converted share of the outcomes so far; 0 before the first. */
    double history() {
      return outcomes == 0 ? 0 : (double) converted / outcomes;
    }
  }
}
