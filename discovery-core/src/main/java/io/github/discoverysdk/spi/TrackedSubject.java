package io.github.discoverysdk.spi;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.SignalKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What profiles track, for {@code CollectiveIntelligence} of {@code discovery-scoring}: an account
 * by its normalised company name ({@code "Stripe, Inc."} and {@code "STRIPE"} are the same account)
 * or a signal by its key. Immutable and thread-safe; it names a company or a public signal, never a
 * tenant or a profile.
 *
 * @param kind account or signal
 * @param key the normalised company name ({@link Normalizer#companyName}) or the signal key's
 *     {@code source:id} form
 */
public record TrackedSubject(Kind kind, String key) {
  /** The kinds of tracked subject. */
  public enum Kind {
    /** A company, by its normalised name. */
    ACCOUNT,
    /** One signal, by its {@link SignalKey}. */
    SIGNAL
  }

  /** Normalises an account's key, so that every spelling of a company meets in one subject. */
  public TrackedSubject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    if (kind == Kind.ACCOUNT) {
      key = Normalizer.companyName(key);
    }
    if (key.isBlank()) {
      throw new ValidationException("tracked subject key must not be blank, was '" + key + "'");
    }
  }

  /** An account by its company name, in any spelling. */
  public static TrackedSubject account(String companyName) {
    return new TrackedSubject(Kind.ACCOUNT, companyName);
  }

  /** A signal by its key. */
  public static TrackedSubject signal(SignalKey key) {
    return new TrackedSubject(Kind.SIGNAL, key.toString());
  }

  /**
   * What an opportunity is about: its signal and, when it names one, its account (a name that is
   * all legal suffix names none).
   */
  public static List<TrackedSubject> of(Opportunity opportunity) {
    Objects.requireNonNull(opportunity, "opportunity");
    List<TrackedSubject> subjects = new ArrayList<>(2);
    subjects.add(signal(opportunity.signalKey()));
    opportunity
        .company()
        .filter(c -> !Normalizer.companyName(c).isBlank())
        .ifPresent(c -> subjects.add(account(c)));
    return List.copyOf(subjects);
  }

  @Override
  public String toString() {
    return (kind == Kind.ACCOUNT ? "account:" : "signal:") + key;
  }
}
