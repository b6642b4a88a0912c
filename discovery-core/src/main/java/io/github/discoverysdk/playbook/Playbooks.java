package io.github.discoverysdk.playbook;

import io.github.discoverysdk.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A host's playbooks and the rules that select one for a card. Rules are evaluated in the order
 * they were added; the first whose conditions all hold selects its playbook, with those conditions
 * as the reasons. When none holds, the {@linkplain Builder#fallback fallback} playbook is selected
 * (reason "no rule matched"), or nothing if there is none. Building checks that playbook ids are
 * unique and that every rule and the fallback name a playbook. Immutable and thread-safe.
 *
 * <pre>{@code
 * Playbooks playbooks = Playbooks.builder()
 *     .add(fundingPlaybook).add(generalPlaybook)
 *     .rule(PlaybookRule.builder().playbook("funding").addSignalTypes(SignalType.FUNDING).build())
 *     .fallback("general")
 *     .build();
 * }</pre>
 */
public final class Playbooks {
  /** Most playbooks and most rules. */
  public static final int MAX = 500;

  private final Map<String, Playbook> playbooks;
  private final List<PlaybookRule> rules;
  private final Optional<Playbook> fallback;
  private final List<Playbook> ordered;

  private Playbooks(Builder b) {
    this.playbooks = Map.copyOf(b.playbooks);
    this.rules = List.copyOf(b.rules);
    this.fallback = b.fallback.map(playbooks::get);
    this.ordered = List.copyOf(b.playbooks.values());
  }

  /** The playbooks a host gets when it configures none: see {@link DefaultPlaybooks}. */
  public static Playbooks defaults() {
    return DefaultPlaybooks.PLAYBOOKS;
  }

  /** No playbook: selection always returns empty. */
  public static Playbooks none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The playbooks, in the order they were added. */
  public List<Playbook> playbooks() {
    return ordered;
  }

  /** The rules, in evaluation order. */
  public List<PlaybookRule> rules() {
    return rules;
  }

  /** The playbook selected when no rule holds. */
  public Optional<Playbook> fallback() {
    return fallback;
  }

  /** The playbook with this id. */
  public Optional<Playbook> find(String id) {
    return Optional.ofNullable(playbooks.get(Objects.requireNonNull(id, "id")));
  }

  /** The playbook of the first rule that holds for {@code input}, else the fallback, and why. */
  public Optional<PlaybookSelection> select(PlaybookInput input) {
    Objects.requireNonNull(input, "input");
    for (int i = 0; i < rules.size(); i++) {
      PlaybookRule rule = rules.get(i);
      Optional<List<String>> reasons = rule.evaluate(input);
      if (reasons.isPresent()) {
        return Optional.of(
            new PlaybookSelection(
                playbooks.get(rule.playbook()), OptionalInt.of(i), reasons.get()));
      }
    }
    return fallback.map(
        p -> new PlaybookSelection(p, OptionalInt.empty(), List.of("no rule matched: default")));
  }

  @Override
  public String toString() {
    return "Playbooks[playbooks=" + playbooks.keySet() + ", rules=" + rules.size() + "]";
  }

  /** Builds {@link Playbooks}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Playbook> playbooks = new LinkedHashMap<>();
    private final List<PlaybookRule> rules = new ArrayList<>();
    private Optional<String> fallback = Optional.empty();

    private Builder() {}

    /**
     * Adds a playbook.
     *
     * @throws ValidationException if a playbook with its id was added already
     */
    public Builder add(Playbook playbook) {
      Objects.requireNonNull(playbook, "playbook");
      if (playbooks.putIfAbsent(playbook.id(), playbook) != null) {
        throw new ValidationException("playbook[" + playbook.id() + "] is added twice");
      }
      return this;
    }

    /** Adds a rule after those added so far. */
    public Builder rule(PlaybookRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** The playbook selected when no rule holds. */
    public Builder fallback(String playbookId) {
      this.fallback = Optional.of(Objects.requireNonNull(playbookId, "playbookId"));
      return this;
    }

    /**
     * @throws ValidationException if a rule or the fallback names no playbook added, or there are
     *     more than {@link #MAX} playbooks or rules
     */
    public Playbooks build() {
      if (playbooks.size() > MAX || rules.size() > MAX) {
        throw new ValidationException(
            "playbooks must have at most "
                + MAX
                + " playbooks and rules, had "
                + playbooks.size()
                + " and "
                + rules.size());
      }
      for (int i = 0; i < rules.size(); i++) {
        String id = rules.get(i).playbook();
        if (!playbooks.containsKey(id)) {
          throw new ValidationException("rule[" + i + "].playbook names no playbook: '" + id + "'");
        }
      }
      if (fallback.isPresent() && !playbooks.containsKey(fallback.get())) {
        throw new ValidationException("fallback names no playbook: '" + fallback.get() + "'");
      }
      return new Playbooks(this);
    }
  }
}
