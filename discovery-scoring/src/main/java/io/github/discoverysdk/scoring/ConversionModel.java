package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.SignalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Probability that an opportunity converts, from its factor scores, signal type, days until the
 * event, source, matched industry, region, company and titles, and the profile's history: an online
 * logistic regression trained by stochastic gradient descent with L2 regularisation, one outcome at
 * a time. Thread-safe (methods are synchronized); its {@link #state()} can be stored and restored
 * with {@link #fromState}.
 *
 * <p>Outcomes are labels: converted 1, actioned 0.5, lost and dismissed 0; a save is not an
 * outcome. A new profile starts from {@link #prior}, the average of similar profiles' models.
 */
public final class ConversionModel {
  private static final String[] FACTORS = {
    "impact", "urgency", "fit", "access", "feasibility", "confidence"
  };
  private static final int SOURCE_BUCKETS = 8;
  private static final int FEATURE_BUCKETS = 64;
  private static final int TYPES = SignalType.values().length;

  /**
   * bias, 6 factors, event horizon, has-event, profile history, types, source buckets, and the
   * hashed categorical features of {@link OpportunityFeatures} (industry, region, company, title).
   */
  static final int DIM = 1 + FACTORS.length + 3 + TYPES + SOURCE_BUCKETS + FEATURE_BUCKETS;

  private static final double LEARNING_RATE = 0.1;
  private static final double L2 = 1e-4;

  private final double[] weights;
  private long updates;

  private ConversionModel(double[] weights, long updates) {
    this.weights = weights;
    this.updates = updates;
  }

  /** An untrained model: probability 0.5 for everything until it learns. */
  public static ConversionModel create() {
    return new ConversionModel(new double[DIM], 0);
  }

  /**
   * A cold-start model for a new profile: the average of similar profiles' models, or an untrained
   * one when there are none.
   */
  public static ConversionModel prior(Collection<ConversionModel> similar) {
    double[] avg = new double[DIM];
    if (similar.isEmpty()) {
      return create();
    }
    for (ConversionModel m : similar) {
      double[] w = m.state();
      for (int i = 0; i < DIM; i++) {
        avg[i] += w[i] / similar.size();
      }
    }
    return new ConversionModel(avg, 0);
  }

  /** Restores a model from {@link #state()}. */
  public static ConversionModel fromState(double[] state) {
    return fromState(state, 0);
  }

  /**
   * Restores a model from {@link #state()} and {@link #updates()}, so that its learning rate goes
   * on decaying from where it was.
   */
  public static ConversionModel fromState(double[] state, long updates) {
    if (updates < 0) {
      throw new ValidationException("updates must not be negative, was " + updates);
    }
    if (state == null || state.length != DIM) {
      throw new ValidationException(
          "state must hold "
              + DIM
              + " weights, was "
              + (state == null ? "null" : String.valueOf(state.length)));
    }
    for (double w : state) {
      if (!Double.isFinite(w)) {
        throw new ValidationException(
            "state must hold finite weights, was " + Arrays.toString(state));
      }
    }
    return new ConversionModel(state.clone(), updates);
  }

  /** A copy of the weights, for storage. */
  public synchronized double[] state() {
    return weights.clone();
  }

  /** How many outcomes the model learned from since it was created or restored. */
  public synchronized long updates() {
    return updates;
  }

  /**
   * Learns one outcome.
   *
   * @param profileHistory the profile's conversion rate so far, 0..1
   */
  public synchronized void learn(Opportunity o, FeedbackType outcome, double profileHistory) {
    Optional<Double> label = label(outcome);
    if (label.isEmpty()) {
      return;
    }
    double[] x = features(o, profileHistory);
    double error = sigmoid(dot(x)) - label.get();
    double rate = LEARNING_RATE / Math.sqrt(1 + updates / 500.0);
    for (int i = 0; i < DIM; i++) {
      weights[i] -= rate * (error * x[i] + (i == 0 ? 0 : L2 * weights[i]));
    }
    updates++;
  }

  /** The probability 0..1 that the opportunity converts. */
  public synchronized double probability(Opportunity o, double profileHistory) {
    return sigmoid(dot(features(o, profileHistory)));
  }

  /** The recommended priority of an opportunity. */
  public Priority priority(Opportunity o, double profileHistory) {
    return Priority.of(probability(o, profileHistory));
  }

  /**
   * A deal-size estimate: the mean value of the {@code k} converted opportunities most similar to
   * {@code o} (by factor scores and signal type). Empty without converted opportunities.
   */
  public static Optional<BigDecimal> estimateDealSize(
      Opportunity o, Collection<Converted> converted, int k) {
    if (k < 1) {
      throw new ValidationException("k must be positive, was " + k);
    }
    double[] x = features(o, 0);
    List<Converted> nearest = new ArrayList<>(converted);
    nearest.sort(Comparator.comparingDouble(c -> distance(x, features(c.opportunity(), 0))));
    List<Converted> top = nearest.subList(0, Math.min(k, nearest.size()));
    if (top.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Converted c : top) {
      sum = sum.add(c.value());
    }
    return Optional.of(sum.divide(BigDecimal.valueOf(top.size()), 2, RoundingMode.HALF_UP));
  }

  /** A converted opportunity and its deal value. */
  public record Converted(Opportunity opportunity, BigDecimal value) {
    public Converted {
      Objects.requireNonNull(opportunity, "opportunity");
      Objects.requireNonNull(value, "value");
    }
  }

  private static Optional<Double> label(FeedbackType outcome) {
    return switch (outcome) {
      case CONVERTED -> Optional.of(1.0);
      case ACTIONED -> Optional.of(0.5);
      case LOST, DISMISS -> Optional.of(0.0);
      case SAVE -> Optional.empty();
    };
  }

  static double[] features(Opportunity o, double profileHistory) {
    double[] x = new double[DIM];
    int i = 0;
    x[i++] = 1;
    for (String f : FACTORS) {
      x[i++] = OpportunityFeatures.factor(o, f);
    }
    boolean event = o.temporal().daysUntilEvent().isPresent();
    x[i++] =
        event ? Math.max(0, Math.min(120, o.temporal().daysUntilEvent().getAsLong())) / 120.0 : 0;
    x[i++] = event ? 1 : 0;
    x[i++] = Math.max(0, Math.min(1, profileHistory));
    x[i + o.signalType().ordinal()] = 1;
    i += TYPES;
    int bucket =
        Math.floorMod(o.signalKey().sourceId().toLowerCase(Locale.ROOT).hashCode(), SOURCE_BUCKETS);
    x[i + bucket] = 1;
    i += SOURCE_BUCKETS;
    for (String f : OpportunityFeatures.of(o)) {
      if (!f.startsWith("type:") && !f.startsWith("source:")) {
        x[i + Math.floorMod(f.hashCode(), FEATURE_BUCKETS)] = 1;
      }
    }
    return x;
  }

  private double dot(double[] x) {
    double s = 0;
    for (int i = 0; i < DIM; i++) {
      s += weights[i] * x[i];
    }
    return s;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
