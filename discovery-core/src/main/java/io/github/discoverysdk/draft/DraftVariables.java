package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.playbook.TemplateVariables;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values of the {@link TemplateVariables} for one {@link DraftRequest}: every {@link
 * TemplateVariables#ALWAYS} variable with a non-blank value, the {@link TemplateVariables#OPTIONAL}
 * ones that the request has, and the evidence items. Nothing else of the request is here: a
 * contact's e-mail and note, the account's CRM ids and the signal's text are left out. Immutable
 * and thread-safe.
 */
public final class DraftVariables {
  /** Most evidence items a draft lists. */
  public static final int MAX_EVIDENCE = 5;

  private final Map<String, String> values;
  private final List<Map<String, String>> evidence;

  private DraftVariables(Map<String, String> values, List<Map<String, String>> evidence) {
    this.values = Map.copyOf(values);
    this.evidence = List.copyOf(evidence);
  }

  /** The values for {@code request}. */
  public static DraftVariables of(DraftRequest request) {
    Objects.requireNonNull(request, "request");
    Opportunity o = request.opportunity();
    Map<String, String> v = new LinkedHashMap<>();
    String company =
        o.company()
            .filter(c -> !c.isBlank())
            .or(() -> request.account().map(a -> a.name()))
            .orElse("your team");
    v.put("company", company);
    v.put("signal.title", o.title());
    v.put("signal.type", words(o.signalType().name()));
    v.put("signal.publishedOn", o.publishedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    v.put("timing.window", words(o.temporal().window().name()));
    v.put("timing.urgency", words(o.temporal().urgency().name()));
    String action = o.temporal().recommendedAction();
    v.put("timing.action", action.isBlank() ? defaultAction(o.temporal().window()) : action);
    v.put("playbook.name", request.playbook().name());
    request.contact().ifPresent(c -> v.put("contact.name", c.name()));
    request.contact().flatMap(DraftContact::title).ifPresent(t -> v.put("contact.title", t));
    request.account().ifPresent(a -> v.put("account.name", a.name()));
    request.account().ifPresent(a -> v.put("account.tier", a.tier()));
    o.url().ifPresent(u -> v.put("signal.url", u.toString()));
    o.temporal().outreachDate().ifPresent(d -> v.put("timing.outreachDate", d.toString()));
    if (o.temporal().daysUntilEvent().isPresent()) {
      v.put("timing.daysUntilEvent", Long.toString(o.temporal().daysUntilEvent().getAsLong()));
    }
    List<Map<String, String>> items = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (Match m : o.matches()) {
      String field = words(m.field().name());
      if (items.size() < MAX_EVIDENCE && seen.add(List.of(field, m.matchedText()))) {
        items.add(Map.of("field", field, "text", m.matchedText()));
      }
    }
    return new DraftVariables(v, items);
  }

  /** The value of each variable the request has, by variable name. */
  public Map<String, String> values() {
    return values;
  }

  /** The evidence items, each with {@code field} and {@code text}. */
  public List<Map<String, String>> evidence() {
    return evidence;
  }

  /**
   * The Mustache scope: the dotted names as nested maps ({@code signal.title} is {@code title} in
   * {@code signal}), and {@code evidence} as a list.
   */
  public Map<String, Object> scope() {
    Map<String, Object> root = new HashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = e.getKey();
      int dot = name.indexOf('.');
      if (dot < 0) {
        root.put(name, e.getValue());
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner =
            (Map<String, Object>)
                root.computeIfAbsent(name.substring(0, dot), k -> new HashMap<>());
        inner.put(name.substring(dot + 1), e.getValue());
      }
    }
    root.put(TemplateVariables.EVIDENCE, evidence);
    return root;
  }

  private static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String defaultAction(ActionWindow window) {
    return window == ActionWindow.CLOSED ? "It may still be worth a note." : "Now is a good time.";
  }

  @Override
  public String toString() {
    return "DraftVariables" + values.keySet();
  }
}
