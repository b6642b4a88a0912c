package io.github.discoverysdk.playbook;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.List;
import org.immutables.value.Value;

/**
 * What to do about one kind of card: its steps, the channel to start on, and a template per channel
 * (an e-mail, a LinkedIn message, a call opener). Templates are Mustache text over the variables of
 * {@link TemplateVariables}; building a playbook checks them and names the bad entry ({@code
 * "playbook[funding].email uses unknown variable 'ceo'"}). Immutable and thread-safe.
 *
 * <pre>{@code
 * Playbook p = Playbook.builder().id("funding").name("Congratulate on funding")
 *     .addSteps("Congratulate", "Offer a scaling review").channel(Channel.EMAIL)
 *     .email("Congratulations on the round, {{company}}!")
 *     .linkedin("Saw the news about {{company}}.").callOpener("Calling about {{signal.title}}.")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface Playbook {
  /** Longest template accepted. */
  int MAX_TEMPLATE = 4_000;

  /** Most steps per playbook. */
  int MAX_STEPS = 20;

  /** Stable id, unique among a host's playbooks; stored with every match. */
  String id();

  String name();

  /** What the account manager does, in order. */
  List<String> steps();

  /** The channel to start on. */
  Channel channel();

  /** The e-mail template. */
  String email();

  /** The LinkedIn message template. */
  String linkedin();

  /** The call opener template. */
  String callOpener();

  /** The template of {@code channel}. */
  default String template(Channel channel) {
    switch (channel) {
      case EMAIL:
        return email();
      case LINKEDIN:
        return linkedin();
      default:
        return callOpener();
    }
  }

  @Value.Check
  default void check() {
    Fields.identifier("playbook.id", id(), 100);
    String at = "playbook[" + id() + "]";
    Fields.identifier(at + ".name", name(), 200);
    if (steps().isEmpty()) {
      throw new io.github.discoverysdk.ValidationException(at + ".steps must not be empty");
    }
    Fields.maxCount(at + ".steps", steps(), MAX_STEPS);
    for (int i = 0; i < steps().size(); i++) {
      Fields.notBlank(at + ".steps[" + i + "]", steps().get(i));
      Fields.text(at + ".steps[" + i + "]", steps().get(i), 500);
    }
    for (Channel c : Channel.values()) {
      String field = at + "." + c.name().toLowerCase(java.util.Locale.ROOT);
      String t = template(c);
      Fields.notBlank(field, t);
      Fields.text(field, t, MAX_TEMPLATE);
      TemplateVariables.check(field, t);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Playbook}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutablePlaybook.Builder {
    @Override
    public Playbook build() {
      return Fields.build("Playbook", super::build);
    }
  }
}
