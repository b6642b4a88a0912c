package io.github.discoverysdk.insight;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The filters of an inbox listing: by account, by the account's owner, by when the card was created
 * ({@code from} inclusive, {@code to} exclusive), by source, by minimum score, by review state and
 * by urgency; every filter left unset lets everything through. Cards come newest first; grouped by
 * account, they come by account id, then newest first, and cards without an account are left out.
 * The reader's scope applies on top of the filters. Immutable and thread-safe.
 */
public final class InboxQuery {
  /** Most sources or states one query may name. */
  public static final int MAX_VALUES = 50;

  private final Optional<String> accountId;
  private final Optional<String> owner;
  private final Optional<Instant> from;
  private final Optional<Instant> to;
  private final Set<String> sources;
  private final OptionalDouble minScore;
  private final Set<ReviewState> states;
  private final Set<Urgency> urgencies;
  private final boolean groupByAccount;

  private InboxQuery(Builder b) {
    this.accountId = b.accountId;
    this.owner = b.owner;
    this.from = b.from;
    this.to = b.to;
    this.sources = Set.copyOf(b.sources);
    this.minScore = b.minScore;
    this.states = b.states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.states));
    this.urgencies = b.urgencies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.urgencies));
    this.groupByAccount = b.groupByAccount;
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new ValidationException(
          "from must be before to, was " + from.get() + " and " + to.get());
    }
  }

  /** A query with no filter: every card in the reader's scope. */
  public static InboxQuery all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> accountId() {
    return accountId;
  }

  public Optional<String> owner() {
    return owner;
  }

  public Optional<Instant> from() {
    return from;
  }

  public Optional<Instant> to() {
    return to;
  }

  /** The sources let through; empty for all. */
  public Set<String> sources() {
    return sources;
  }

  public OptionalDouble minScore() {
    return minScore;
  }

  /** The review states let through; empty for all, cards without a review card included. */
  public Set<ReviewState> states() {
    return states;
  }

  /**
   * The urgencies let through (the card's opportunity's {@code temporal().urgency()}, as counted by
   * {@link InboxStats#byUrgency()}); empty for all. The filter applies before paging, so every page
   * holds only cards of these urgencies.
   */
  public Set<Urgency> urgencies() {
    return urgencies;
  }

  public boolean groupByAccount() {
    return groupByAccount;
  }

  @Override
  public String toString() {
    return "InboxQuery[account="
        + accountId.orElse("*")
        + ", owner="
        + owner.orElse("*")
        + ", from="
        + from.map(Instant::toString).orElse("*")
        + ", to="
        + to.map(Instant::toString).orElse("*")
        + ", sources="
        + sources
        + ", minScore="
        + (minScore.isPresent() ? minScore.getAsDouble() : "*")
        + ", states="
        + states
        + ", urgencies="
        + urgencies
        + ", groupByAccount="
        + groupByAccount
        + "]";
  }

  /** Builds an {@link InboxQuery}; not thread-safe. */
  public static final class Builder {
    private Optional<String> accountId = Optional.empty();
    private Optional<String> owner = Optional.empty();
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private final Set<String> sources = new LinkedHashSet<>();
    private OptionalDouble minScore = OptionalDouble.empty();
    private final Set<ReviewState> states = new LinkedHashSet<>();
    private final Set<Urgency> urgencies = new LinkedHashSet<>();
    private boolean groupByAccount;

    private Builder() {}

    public Builder account(String accountId) {
      this.accountId = Optional.of(text("account", accountId));
      return this;
    }

    public Builder owner(String owner) {
      this.owner = Optional.of(text("owner", owner));
      return this;
    }

    /** Cards created at or after {@code from}. */
    public Builder from(Instant from) {
      this.from = Optional.of(Objects.requireNonNull(from, "from"));
      return this;
    }

    /** Cards created before {@code to}. */
    public Builder to(Instant to) {
      this.to = Optional.of(Objects.requireNonNull(to, "to"));
      return this;
    }

    public Builder addSources(String... sources) {
      for (String s : sources) {
        this.sources.add(text("source", s));
      }
      if (this.sources.size() > MAX_VALUES) {
        throw new ValidationException(
            "sources must hold at most " + MAX_VALUES + ", held " + this.sources.size());
      }
      return this;
    }

    /** Cards whose total score (0..100) is at least {@code minScore}. */
    public Builder minScore(double minScore) {
      if (!(minScore >= 0 && minScore <= 100)) {
        throw new ValidationException("minScore must be in [0, 100], was " + minScore);
      }
      this.minScore = OptionalDouble.of(minScore);
      return this;
    }

    public Builder addStates(ReviewState... states) {
      for (ReviewState s : states) {
        this.states.add(Objects.requireNonNull(s, "states must not contain null"));
      }
      return this;
    }

    /**
     * Cards whose opportunity has one of these urgencies; none added lets every urgency through.
     */
    public Builder addUrgencies(Urgency... urgencies) {
      Objects.requireNonNull(urgencies, "urgencies");
      for (Urgency u : urgencies) {
        this.urgencies.add(Objects.requireNonNull(u, "urgencies must not contain null"));
      }
      return this;
    }

    public Builder groupByAccount(boolean groupByAccount) {
      this.groupByAccount = groupByAccount;
      return this;
    }

    public InboxQuery build() {
      return new InboxQuery(this);
    }

    private static String text(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new ValidationException(field + " must not be blank, was " + value);
      }
      if (value.length() > 200) {
        throw new ValidationException(
            field + " must be at most 200 characters, was " + value.length());
      }
      return value;
    }
  }
}
