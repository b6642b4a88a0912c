package io.github.discoverysdk.draft;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.playbook.Playbook;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link DraftGenerator}: fills the playbook's templates (Mustache, by mustache.java)
 * with the {@link DraftVariables} of the request. Values are inserted verbatim: drafts are plain
 * text, so nothing is HTML-escaped, and a value is never read as a template (a company named {@code
 * {{signal.url}}} stays that text). Templates were checked when their playbook was built, so every
 * variable they use has a value. Each draft cites the opportunity's evidence. Stateless and
 * thread-safe.
 */
public final class TemplateDraftGenerator implements DraftGenerator {
  /** The id stored with template drafts. */
  public static final String ID = "template";

  private static final Verbatim FACTORY = new Verbatim();

  private TemplateDraftGenerator() {}

  public static TemplateDraftGenerator create() {
    return new TemplateDraftGenerator();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<GeneratedDraft> generate(DraftRequest request) {
    return drafts(request, Optional.empty());
  }

  /**
   * The template drafts of {@code request}, each saying that it replaces another generator's text
   * because of {@code reason}.
   */
  public List<GeneratedDraft> fallback(DraftRequest request, String reason) {
    return drafts(request, Optional.of(Objects.requireNonNull(reason, "reason")));
  }

  /** {@code template} filled with {@code variables}. */
  public static String render(String template, DraftVariables variables) {
    Mustache m = FACTORY.compile(new StringReader(template), "draft");
    StringWriter out = new StringWriter();
    m.execute(out, variables.scope());
    return out.toString();
  }

  private List<GeneratedDraft> drafts(DraftRequest request, Optional<String> reason) {
    Objects.requireNonNull(request, "request");
    DraftVariables variables = DraftVariables.of(request);
    Citation citation = Citation.of(request.opportunity());
    Playbook p = request.playbook();
    List<GeneratedDraft> out = new ArrayList<>();
    for (Channel c : Channel.values()) {
      out.add(
          GeneratedDraft.builder()
              .channel(c)
              .text(cut(render(p.template(c), variables)))
              .generator(ID)
              .fallbackReason(reason.map(TemplateDraftGenerator::reason))
              .addCitations(citation)
              .build());
    }
    return List.copyOf(out);
  }

  /** {@code text} cut to {@link Draft#MAX_TEXT}, ending in "…" when cut. */
  static String cut(String text) {
    if (text.length() <= Draft.MAX_TEXT) {
      return text;
    }
    int end = Draft.MAX_TEXT - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private static String reason(String r) {
    String line = r.replaceAll("\\p{Cntrl}", " ").strip();
    if (line.isEmpty()) {
      line = "unknown failure";
    }
    if (line.length() <= 1_000) {
      return line;
    }
    int end = Character.isHighSurrogate(line.charAt(998)) ? 998 : 999;
    return line.substring(0, end) + "…";
  }

  @Override
  public String toString() {
    return "TemplateDraftGenerator";
  }

  /** Writes values as they are: no HTML escaping. */
  private static final class Verbatim extends DefaultMustacheFactory {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
