package io.github.discoverysdk.playbook;

import io.github.discoverysdk.ValidationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables a playbook template may use, and the check of a template against them. Templates
 * are Mustache: {@code {{name}}} inserts a value as it is (drafts are plain text, nothing is
 * escaped), {@code {{#name}}…{{/name}}} shows its body when the value is present (and repeats it
 * for each item of {@code evidence}), {@code {{^name}}…{{/name}}} when it is absent, {@code {{!…}}}
 * is a comment. Partials, delimiter changes and other tags are refused.
 *
 * <p>{@link #ALWAYS} variables always have a non-blank value. {@link #OPTIONAL} ones may be absent,
 * so a template may use them only inside their own section ({@code {{#contact.name}}Hi
 * {{contact.name}},{{/contact.name}}}): a draft then never shows an empty hole. Inside {@code
 * {{#evidence}}} the item's {@link #EVIDENCE_ITEM} fields are available. Stateless and thread-safe.
 */
public final class TemplateVariables {
  /** Variables that always have a value. */
  public static final Set<String> ALWAYS =
      Set.of(
          "company",
          "signal.title",
          "signal.type",
          "signal.publishedOn",
          "timing.window",
          "timing.urgency",
          "timing.action",
          "playbook.name");

  /** Variables that may be absent: use them inside their own section only. */
  public static final Set<String> OPTIONAL =
      Set.of(
          "contact.name",
          "contact.title",
          "account.name",
          "account.tier",
          "signal.url",
          "timing.outreachDate",
          "timing.daysUntilEvent");

  /** The list of evidence the draft cites. */
  public static final String EVIDENCE = "evidence";

  /** The fields of one evidence item, inside {@code {{#evidence}}}. */
  public static final Set<String> EVIDENCE_ITEM = Set.of("field", "text");

  private TemplateVariables() {}

  /**
   * Checks {@code template} and returns the variables it uses, in order of first use.
   *
   * @param field the entry's name in error messages, such as {@code playbook[funding].email}
   * @throws ValidationException naming {@code field} and the bad tag: an unknown variable, an
   *     optional one outside its section, an unclosed or mismatched section, an unsupported tag
   */
  public static Set<String> check(String field, String template) {
    Set<String> used = new LinkedHashSet<>();
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (true) {
      int start = template.indexOf("{{", i);
      if (start < 0) {
        break;
      }
      boolean triple = template.startsWith("{{{", start);
      String close = triple ? "}}}" : "}}";
      int end = template.indexOf(close, start + (triple ? 3 : 2));
      if (end < 0) {
        throw new ValidationException(field + " has an unclosed tag at index " + start);
      }
      String tag = template.substring(start + (triple ? 3 : 2), end).strip();
      i = end + close.length();
      if (tag.isEmpty()) {
        throw new ValidationException(field + " has an empty tag at index " + start);
      }
      char kind = triple ? '&' : tag.charAt(0);
      String name = triple || "#^/&!".indexOf(kind) < 0 ? tag : tag.substring(1).strip();
      switch (kind) {
        case '!':
          break;
        case '#':
        case '^':
          if (!name.equals(EVIDENCE) && !OPTIONAL.contains(name)) {
            throw new ValidationException(
                field
                    + " opens a section on '"
                    + name
                    + "': sections are for optional variables and evidence only");
          }
          used.add(name);
          open.push(kind == '#' ? name : "^" + name);
          break;
        case '/':
          String top = open.isEmpty() ? null : open.pop();
          if (top == null || !(top.equals(name) || top.equals("^" + name))) {
            throw new ValidationException(
                field + " closes section '" + name + "' that is not the open one: " + top);
          }
          break;
        default:
          if ("&".indexOf(kind) < 0 && !Character.isLetter(kind)) {
            throw new ValidationException(
                field
                    + " uses an unsupported tag '{{"
                    + tag
                    + "}}': partials and delimiters are off");
          }
          variable(field, name, open);
          used.add(name);
      }
    }
    if (!open.isEmpty()) {
      throw new ValidationException(field + " leaves section '" + open.peek() + "' unclosed");
    }
    return used;
  }

  private static void variable(String field, String name, Deque<String> open) {
    if (ALWAYS.contains(name)) {
      return;
    }
    if (EVIDENCE_ITEM.contains(name) && open.contains(EVIDENCE)) {
      return;
    }
    if (OPTIONAL.contains(name)) {
      if (open.contains(name)) {
        return;
      }
      throw new ValidationException(
          field
              + " uses optional variable '"
              + name
              + "' outside {{#"
              + name
              + "}}…{{/"
              + name
              + "}}: it may be absent");
    }
    throw new ValidationException(field + " uses unknown variable '" + name + "'");
  }
}
