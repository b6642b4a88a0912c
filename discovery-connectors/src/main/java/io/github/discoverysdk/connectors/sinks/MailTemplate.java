package io.github.discoverysdk.connectors.sinks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template from the classpath with {@code {{name}}} placeholders, escaped for HTML when the
 * template is HTML, and {@code {{{name}}}} placeholders inserted as they are (for fragments the
 * caller built and escaped itself). An unknown name is an error, so a typo cannot ship silently.
 * Immutable and thread-safe.
 */
final class MailTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-zA-Z]+)}}(}?)");

  private final String name;
  private final String text;
  private final boolean html;

  private MailTemplate(String name, String text, boolean html) {
    this.name = name;
    this.text = text;
    this.html = html;
  }

  /** The template {@code resource} next to this class; HTML when its name ends in .html. */
  static MailTemplate load(String resource) {
    try (InputStream in = MailTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("template " + resource + " is missing");
      }
      return new MailTemplate(
          resource,
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          resource.endsWith(".html"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (m.find()) {
      boolean raw = !m.group(1).isEmpty();
      if (raw != !m.group(3).isEmpty()) {
        throw new IllegalStateException("unbalanced placeholder " + m.group() + " in " + name);
      }
      String value = values.get(m.group(2));
      if (value == null) {
        throw new IllegalStateException("no value for " + m.group(2) + " in " + name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(raw || !html ? value : escapeHtml(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String escapeHtml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
