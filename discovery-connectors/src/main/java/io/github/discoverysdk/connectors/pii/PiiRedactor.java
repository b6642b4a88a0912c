package io.github.discoverysdk.connectors.pii;

import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalProcessor;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * The default PII redactor, an ingestion {@link SignalProcessor}: replaces e-mail addresses, phone
 * numbers (found by Google's libphonenumber), payment card numbers (Luhn-checked, with a known
 * issuer prefix) and IBANs (mod-97 checked) by the placeholders {@code [EMAIL]}, {@code [PHONE]},
 * {@code [CARD]} and {@code [IBAN]} in a signal's title, text and URL, its event's location, and
 * every free-text field of its mentions. Named people are kept by default (the speakers are the
 * point of an event signal); {@link Builder#redactPeople(boolean)} replaces each mentioned person's
 * name by {@code [PERSON]}, in the mention and wherever the title or text repeats it.
 *
 * <pre>{@code
 * DiscoveryEngine.builder()
 *     .addSignalProcessor(PiiRedactor.builder().phoneRegion("DE").build())
 * }</pre>
 *
 * <p>Numbers that fail their checksum (Luhn, mod-97), digit runs too long to be a card or a phone,
 * dates, versions and order numbers are left alone. Every pass is a hand-written linear scan (no
 * regular expression), so hostile text (megabytes of digits, every script, bidirectional overrides)
 * costs time linear in its length. A redacted text redacts to itself, so the redactor may see a
 * signal twice (the shared cache). A URL holding PII gets percent-encoded placeholders; one that
 * then no longer parses is dropped.
 *
 * <p>Immutable and thread-safe.
 */
public final class PiiRedactor implements SignalProcessor {
  public static final String EMAIL = "EMAIL";
  public static final String PHONE = "PHONE";
  public static final String CARD = "CARD";
  public static final String IBAN = "IBAN";
  public static final String PERSON = "PERSON";

  private static final int MIN_NAME = 3;

  private final PhoneScanner phones;
  private final boolean redactPeople;
  private final Predicate<String> tenants;

  private PiiRedactor(Builder b) {
    this.phones = new PhoneScanner(b.phoneRegion);
    this.redactPeople = b.redactPeople;
    this.tenants = b.tenants;
  }

  /** Contact details redacted, people kept, phone numbers read as US when not international. */
  public static PiiRedactor defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return "pii";
  }

  @Override
  public boolean enabledFor(String tenant) {
    return tenants.test(tenant);
  }

  /**
   * {@code text} with every e-mail address, IBAN, card and phone number replaced by its
   * placeholder, each counted in {@code counts} by kind. Person names are not touched here.
   */
  public String redact(String text, ObjIntConsumer<String> counts) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(counts, "counts");
    String s = text;
    s = replace(s, EMAIL, ContactScanner::emails, counts);
    s = replace(s, IBAN, ContactScanner::ibans, counts);
    s = replace(s, CARD, ContactScanner::cards, counts);
    s = replace(s, PHONE, phones::phones, counts);
    return s;
  }

  @Override
  public Signal process(Signal signal, ObjIntConsumer<String> counts) {
    Set<String> names = new LinkedHashSet<>();
    if (redactPeople) {
      for (PersonMention p : signal.people()) {
        String name = p.name().strip();
        if (name.length() >= MIN_NAME) {
          names.add(name);
        }
      }
    }
    String title = text(signal.title(), names, counts);
    String text = text(signal.text(), names, counts);
    Optional<URI> url = signal.url().flatMap(u -> url(u, counts));
    Optional<EventDetails> event = signal.event().map(e -> event(e, counts));
    List<OrganizationMention> orgs = new ArrayList<>(signal.organizations().size());
    for (OrganizationMention o : signal.organizations()) {
      String name = redact(o.name(), counts);
      orgs.add(
          name.equals(o.name()) ? o : OrganizationMention.builder().from(o).name(name).build());
    }
    List<PersonMention> people = new ArrayList<>(signal.people().size());
    for (PersonMention p : signal.people()) {
      people.add(person(p, counts));
    }
    if (title.equals(signal.title())
        && text.equals(signal.text())
        && url.equals(signal.url())
        && event.equals(signal.event())
        && orgs.equals(signal.organizations())
        && people.equals(signal.people())) {
      return signal;
    }
    return Signal.builder()
        .from(signal)
        .title(title)
        .text(text)
        .url(url)
        .event(event)
        .organizations(orgs)
        .people(people)
        .build();
  }

  private String text(String s, Set<String> names, ObjIntConsumer<String> counts) {
    String out = redact(s, counts);
    for (String name : names) {
      out = replaceLiteral(out, name, counts);
    }
    return out;
  }

  private PersonMention person(PersonMention p, ObjIntConsumer<String> counts) {
    String name;
    if (redactPeople) {
      counts.accept(PERSON, 1);
      name = "[" + PERSON + "]";
    } else {
      name = redact(p.name(), counts);
    }
    Optional<String> title = p.title().map(t -> redact(t, counts));
    Optional<String> employer = p.employer().map(e -> redact(e, counts));
    if (name.equals(p.name()) && title.equals(p.title()) && employer.equals(p.employer())) {
      return p;
    }
    return PersonMention.builder().name(name).title(title).employer(employer).build();
  }

  private EventDetails event(EventDetails e, ObjIntConsumer<String> counts) {
    if (e.location().isEmpty()) {
      return e;
    }
    String location = redact(e.location().get(), counts);
    return location.equals(e.location().get())
        ? e
        : EventDetails.builder().from(e).location(location).build();
  }

  private Optional<URI> url(URI u, ObjIntConsumer<String> counts) {
    String s = u.toString();
    String r = redact(s, counts);
    if (r.equals(s)) {
      return Optional.of(u);
    }
    try {
      return Optional.of(URI.create(r.replace("[", "%5B").replace("]", "%5D")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Replaces each whole-word occurrence of {@code name} by {@code [PERSON]}. */
  private static String replaceLiteral(String s, String name, ObjIntConsumer<String> counts) {
    int at = s.indexOf(name);
    if (at < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int copied = 0;
    int found = 0;
    while (at >= 0) {
      int end = at + name.length();
      boolean word =
          (at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1)))
              && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)));
      if (word) {
        b.append(s, copied, at).append('[').append(PERSON).append(']');
        copied = end;
        found++;
        at = s.indexOf(name, end);
      } else {
        at = s.indexOf(name, at + 1);
      }
    }
    if (found == 0) {
      return s;
    }
    counts.accept(PERSON, found);
    return b.append(s, copied, s.length()).toString();
  }

  /** A scanner of one kind, reporting spans in order. */
  private interface Scan {
    void scan(String s, ContactScanner.Spans out);
  }

  private static String replace(String s, String kind, Scan scan, ObjIntConsumer<String> counts) {
    StringBuilder b = new StringBuilder();
    int[] state = new int[2]; // copied up to, spans found
    scan.scan(
        s,
        (start, end) -> {
          b.append(s, state[0], start).append('[').append(kind).append(']');
          state[0] = end;
          state[1]++;
        });
    if (state[1] == 0) {
      return s;
    }
    counts.accept(kind, state[1]);
    return b.append(s, state[0], s.length()).toString();
  }

  @Override
  public String toString() {
    return "PiiRedactor[people=" + (redactPeople ? "redacted" : "kept") + "]";
  }

  /** Settings of a {@link PiiRedactor}. Not thread-safe. */
  public static final class Builder {
    private String phoneRegion = "US";
    private boolean redactPeople;
    private Predicate<String> tenants = t -> true;

    private Builder() {}

    /**
     * The region (ISO 3166 two-letter code, for example {@code "DE"}) whose national format phone
     * numbers without a {@code +} are read in. Numbers in international format are found whatever
     * the region. Default {@code "US"}.
     *
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public Builder phoneRegion(String region) {
      String r = Objects.requireNonNull(region, "region").toUpperCase(Locale.ROOT);
      if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance()
          .getSupportedRegions()
          .contains(r)) {
        throw new IllegalArgumentException("unknown phone region '" + region + "'");
      }
      this.phoneRegion = r;
      return this;
    }

    /** Whether mentioned people's names are replaced by {@code [PERSON]} too. Default false. */
    public Builder redactPeople(boolean redact) {
      this.redactPeople = redact;
      return this;
    }

    /** The tenants whose signals are redacted. Default every tenant. */
    public Builder tenants(Predicate<String> tenants) {
      this.tenants = Objects.requireNonNull(tenants, "tenants");
      return this;
    }

    public PiiRedactor build() {
      return new PiiRedactor(this);
    }
  }
}
