package io.github.discoverysdk.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SignalSource} that reads signals from JSON files: every {@code *.json} file of a
 * directory, or a list of classpath resources. Meant for offline demos, tests, fixtures and hosts
 * that export signals from another system as files.
 *
 * <h2>File format</h2>
 *
 * <p>A file holds either a JSON array of records or an object {@code {"signals": [ ... ]}}. A
 * record:
 *
 * <pre>{@code
 * {"id": "evt-saastr-2026", "type": "EVENT", "title": "SaaStr Annual", "text": "...",
 *  "url": "https://example.com/saastr", "publishedAt": "now-10d", "observedAt": "now",
 *  "event": {"start": "now+21dT09:00", "end": "now+23dT18:00", "location": "San Mateo, CA",
 *            "timeZone": "America/Los_Angeles", "status": "SCHEDULED"},
 *  "organizations": [{"name": "Stripe", "role": "SPONSOR", "domain": "stripe.com"}],
 *  "people": [{"name": "Jane Roe", "title": "VP Sales", "employer": "Stripe"}],
 *  "industries": ["fintech"], "regions": ["North America"]}
 * }</pre>
 *
 * <p>{@code id}, {@code type}, {@code title} and {@code publishedAt} are required, and so is {@code
 * event.start} when {@code event} is given; everything else is optional, and unknown fields are
 * ignored. {@code type}, {@code role} and {@code status} are the names of {@link SignalType},
 * {@link OrganizationRole} and {@link EventStatus}, in any case; a role defaults to {@link
 * OrganizationRole#MENTIONED}. Domains are lower-cased. The signal's key is {@code (id(), record
 * id)}; when two records of one fetch share an id, the later one (by file name, then position)
 * wins.
 *
 * <h2>Times</h2>
 *
 * <p>A time is an ISO-8601 instant ({@code 2026-05-01T09:00:00Z}, or with an offset such as {@code
 * +02:00}), an ISO date ({@code 2026-05-01}, read as midnight UTC), or relative: {@code now},
 * {@code now+21d}, {@code now-3d}, {@code now-6h}, optionally with a UTC time of day after a day
 * offset: {@code now+21dT09:00} is 09:00 UTC 21 days from today. Relative times resolve against the
 * <em>anchor day</em>, 00:00 UTC of the current date of the {@link SourceContext#clock()}, not
 * against its exact instant: two fetches on the same day then yield identical signals with the same
 * {@link Signal#contentHash()}, and sample data stays "fresh" whenever it is run. {@code
 * observedAt} defaults to the clock's instant.
 *
 * <h2>Malformed input</h2>
 *
 * <p>A malformed record (not an object, no id, an unknown type, a bad time or URL, a value the
 * model rejects) is skipped and reported in {@link SourceResult#rejected()} under its id, or {@code
 * "<file>#<index>"} when it has none, with a reason naming the field. A file that is not JSON at
 * all is reported as one rejected record named after the file. The other records and files still
 * count. A directory that cannot be listed, or a file or resource that cannot be read, fails the
 * fetch with a {@link SourceException}.
 *
 * <h2>Cursor</h2>
 *
 * <p>A file source cannot know what changed inside a file, so its cursor is a fingerprint: the
 * SHA-256 (hex) of the anchor day and every file's name and bytes. A fetch whose cursor equals the
 * current fingerprint returns no signals; any other fetch returns every record, with the
 * fingerprint as the next cursor. The engine's content-hash dedupe makes re-emitting the unchanged
 * records free.
 *
 * <h2>Paging</h2>
 *
 * <p>Records are returned in order of file name, then position in the file. When there are more
 * than {@link SourceRequest#limit()}, the result holds the next {@code limit}, says {@link
 * SourceResult#more()}, and its cursor {@code fingerprint@offset} continues exactly after them; the
 * page that reaches the last record says no more and carries the plain fingerprint, so exactly
 * {@code limit} records make one page without more, never a trailing empty page. Rejected records
 * are reported with the first page only. When a file changes between two pages, the fingerprint
 * changes with it and the next fetch starts again from the first record: the new files are returned
 * whole (the records already returned come again and the engine keeps only what changed), so no
 * record is skipped, and the cursor stays the same short size however many records there are.
 *
 * <h2>Thread safety</h2>
 *
 * <p>Immutable and thread-safe: every fetch reads the files afresh and shares no mutable state, so
 * fetches may run concurrently, and files may be replaced between fetches. A file rewritten in
 * place during a fetch may be read half-written; replace files atomically (write, then rename).
 */
public final class JsonFileSource implements SignalSource {
  private static final Logger LOG = LoggerFactory.getLogger(JsonFileSource.class);

  /** Configured once, then only read from: thread-safe. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern RELATIVE =
      Pattern.compile(
          "now(?:([+-])(\\d{1,6})([dh]))?(?:T(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?",
          Pattern.CASE_INSENSITIVE);

  private static final char PAGE_SEPARATOR = '@';
  private static final int MAX_QUOTED = 80;

  private final String id;
  private final String description;
  private final Inputs inputs;
  private final SourceCapabilities capabilities =
      SourceCapabilities.builder()
          .queryMode(QueryMode.FEED)
          .supportsRefresh(true)
          .costPerCall(0.0)
          .build();

  private JsonFileSource(String id, String description, Inputs inputs) {
    this.id = id;
    this.description = description;
    this.inputs = inputs;
  }

  /**
   * A source reading every {@code *.json} regular file directly in {@code dir} (not in its
   * subdirectories), in order of file name. The directory is listed at every fetch, so files added
   * later are picked up; a directory that is missing then fails that fetch.
   *
   * @param id the source id, part of every signal key
   * @throws ValidationException if {@code id} is blank
   */
  public static JsonFileSource fromDirectory(String id, Path dir) {
    requireId(id);
    Objects.requireNonNull(dir, "dir");
    return new JsonFileSource(id, "directory " + dir, sourceId -> readDirectory(sourceId, dir));
  }

  /**
   * A source reading classpath resources such as {@code "signals/events.json"}, in the order given.
   * A resource that does not exist fails the fetch with a {@link SourceException} naming it.
   *
   * @param id the source id, part of every signal key
   * @param loader the class loader to read the resources with
   * @param resourcePaths resource names, without a leading slash (one is ignored)
   * @throws ValidationException if {@code id} is blank, or no resource or a blank one is given
   */
  public static JsonFileSource fromClasspath(
      String id, ClassLoader loader, String... resourcePaths) {
    requireId(id);
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(resourcePaths, "resourcePaths");
    if (resourcePaths.length == 0) {
      throw new ValidationException("resourcePaths must name at least one resource");
    }
    List<String> paths = new ArrayList<>(resourcePaths.length);
    for (String p : resourcePaths) {
      if (p == null || p.isBlank()) {
        throw new ValidationException("resourcePaths must not contain blank entries");
      }
      String path = p.strip();
      paths.add(path.startsWith("/") ? path.substring(1) : path);
    }
    List<String> frozen = List.copyOf(paths);
    return new JsonFileSource(
        id, "classpath " + frozen, sourceId -> readClasspath(sourceId, loader, frozen));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SourceCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Returns every record, a page of at most {@link SourceRequest#limit()} at a time with {@link
   * SourceResult#more()} while records are left, or nothing when the request's cursor equals the
   * current fingerprint. The query is ignored: a file source is a feed.
   *
   * @throws SourceException if the directory cannot be listed or a file or resource read
   */
  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Snapshot snapshot = load(context);
    String fingerprint = snapshot.fingerprint();
    int offset = 0;
    if (request.cursor().isPresent()) {
      String cursor = request.cursor().get();
      if (cursor.equals(fingerprint)) {
        return SourceResult.builder().nextCursor(fingerprint).build();
      }
      offset = pageOffset(cursor, fingerprint);
    }
    Parsed parsed = parse(snapshot, context);
    List<Signal> all = List.copyOf(parsed.signals().values());
    int from = Math.min(offset, all.size());
    int to = (int) Math.min(all.size(), (long) from + Math.max(1, request.limit()));
    String next = to < all.size() ? fingerprint + PAGE_SEPARATOR + to : fingerprint;
    List<RejectedRecord> rejected = from == 0 ? parsed.rejected() : List.of();
    LOG.debug(
        "source {}: {} files, {} signals (returning {} from {}), {} rejected",
        id,
        snapshot.files().size(),
        all.size(),
        to - from,
        from,
        rejected.size());
    return SourceResult.builder()
        .signals(all.subList(from, to))
        .rejected(rejected)
        .nextCursor(next)
        .more(to < all.size())
        .build();
  }

  /** Re-reads the files and returns the current record with the key's id, if there is one. */
  @Override
  public Optional<Signal> refresh(SignalKey key, SourceContext context) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(context, "context");
    if (!key.sourceId().equals(id)) {
      return Optional.empty();
    }
    return Optional.ofNullable(parse(load(context), context).signals().get(key.externalId()));
  }

  @Override
  public String toString() {
    return "JsonFileSource[" + id + ", " + description + "]";
  }

  // ---- reading

  /** Where the files come from; throws {@link SourceException} when they cannot be read. */
  @FunctionalInterface
  private interface Inputs {
    List<InputFile> read(String sourceId);
  }

  private record InputFile(String name, byte[] bytes) {}

  private record Snapshot(Instant anchor, List<InputFile> files, String fingerprint) {}

  private record Parsed(Map<String, Signal> signals, List<RejectedRecord> rejected) {}

  private Snapshot load(SourceContext context) {
    Instant anchor =
        LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    List<InputFile> files = inputs.read(id);
    return new Snapshot(anchor, files, fingerprint(anchor, files));
  }

  private static List<InputFile> readDirectory(String sourceId, Path dir) {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : stream) {
        if (Files.isRegularFile(p)) {
          paths.add(p);
        }
      }
    } catch (IOException e) {
      throw new SourceException(sourceId, "cannot list directory '" + dir + "': " + describe(e), e);
    } catch (DirectoryIteratorException e) {
      throw new SourceException(
          sourceId, "cannot list directory '" + dir + "': " + describe(e.getCause()), e);
    }
    paths.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<InputFile> files = new ArrayList<>(paths.size());
    for (Path p : paths) {
      try {
        files.add(new InputFile(p.getFileName().toString(), Files.readAllBytes(p)));
      } catch (IOException e) {
        throw new SourceException(sourceId, "cannot read file '" + p + "': " + describe(e), e);
      }
    }
    return files;
  }

  private static List<InputFile> readClasspath(
      String sourceId, ClassLoader loader, List<String> paths) {
    List<InputFile> files = new ArrayList<>(paths.size());
    for (String path : paths) {
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          throw new SourceException(sourceId, "classpath resource '" + path + "' not found", null);
        }
        files.add(new InputFile(path, in.readAllBytes()));
      } catch (IOException e) {
        throw new SourceException(
            sourceId, "cannot read classpath resource '" + path + "': " + describe(e), e);
      }
    }
    return files;
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof NotDirectoryException) {
      return "it is not a directory";
    }
    if (e instanceof AccessDeniedException) {
      return "access denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String fingerprint(Instant anchor, List<InputFile> files) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    sha.update(("json-file-source/1|" + anchor + "|").getBytes(StandardCharsets.UTF_8));
    for (InputFile f : files) {
      byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
      // Length prefixes keep (name, bytes) pairs unambiguous across file boundaries.
      sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
      sha.update(name);
      sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(f.bytes().length).array());
      sha.update(f.bytes());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The offset a {@code fingerprint@offset} cursor continues from; 0 for any other cursor. */
  private static int pageOffset(String cursor, String fingerprint) {
    String prefix = fingerprint + PAGE_SEPARATOR;
    if (!cursor.startsWith(prefix)) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(cursor.substring(prefix.length())));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // ---- parsing

  private Parsed parse(Snapshot snapshot, SourceContext context) {
    Instant observed = context.clock().instant();
    Map<String, Signal> signals = new LinkedHashMap<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    for (InputFile file : snapshot.files()) {
      parseFile(file, snapshot.anchor(), observed, signals, rejected);
    }
    return new Parsed(signals, List.copyOf(rejected));
  }

  private void parseFile(
      InputFile file,
      Instant anchor,
      Instant observed,
      Map<String, Signal> signals,
      List<RejectedRecord> rejected) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.bytes());
    } catch (JsonProcessingException e) {
      rejected.add(RejectedRecord.of(file.name(), "not valid JSON: " + jsonError(e)));
      return;
    } catch (IOException e) {
      rejected.add(RejectedRecord.of(file.name(), "cannot be parsed: " + e.getMessage()));
      return;
    }
    JsonNode records;
    if (root != null && root.isArray()) {
      records = root;
    } else if (root != null && root.isObject() && root.path("signals").isArray()) {
      records = root.get("signals");
    } else {
      String was = root == null || root.isMissingNode() ? "an empty file" : kind(root);
      rejected.add(
          RejectedRecord.of(
              file.name(),
              "expected a JSON array of records or an object with a \"signals\" array, was "
                  + was));
      return;
    }
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String position = file.name() + "#" + i;
      if (!record.isObject()) {
        rejected.add(
            RejectedRecord.of(position, "record must be a JSON object, was " + kind(record)));
        continue;
      }
      String recordId;
      try {
        recordId = requiredText(record, "id", "id").strip();
      } catch (ValidationException e) {
        rejected.add(RejectedRecord.of(position, e.getMessage()));
        continue;
      }
      try {
        Signal signal = toSignal(recordId, record, anchor, observed);
        // Remove first so that the winning duplicate also takes the later position.
        signals.remove(recordId);
        signals.put(recordId, signal);
      } catch (ValidationException e) {
        rejected.add(RejectedRecord.of(recordId, e.getMessage()));
      }
    }
  }

  private static String jsonError(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return message;
  }

  private Signal toSignal(String recordId, JsonNode r, Instant anchor, Instant observed) {
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(id, recordId))
            .type(enumValue(SignalType.class, "type", requiredText(r, "type", "type")))
            .title(requiredText(r, "title", "title"))
            .publishedAt(
                time("publishedAt", requiredText(r, "publishedAt", "publishedAt"), anchor));
    String text = optionalText(r, "text", "text");
    if (text != null) {
      b.text(text);
    }
    String url = optionalText(r, "url", "url");
    if (url != null && !url.isBlank()) {
      b.url(url(url));
    }
    String observedAt = optionalText(r, "observedAt", "observedAt");
    b.observedAt(
        observedAt == null || observedAt.isBlank()
            ? observed
            : time("observedAt", observedAt, anchor));
    JsonNode event = optionalNode(r, "event");
    if (event != null) {
      b.event(event(event, anchor));
    }
    JsonNode orgs = optionalArray(r, "organizations");
    for (int i = 0; orgs != null && i < orgs.size(); i++) {
      b.addOrganizations(organization(orgs.get(i), "organizations[" + i + "]"));
    }
    JsonNode people = optionalArray(r, "people");
    for (int i = 0; people != null && i < people.size(); i++) {
      b.addPeople(person(people.get(i), "people[" + i + "]"));
    }
    b.addAllIndustries(strings(r, "industries"));
    b.addAllRegions(strings(r, "regions"));
    return b.build();
  }

  private static EventDetails event(JsonNode e, Instant anchor) {
    if (!e.isObject()) {
      throw invalid("event", "expected an object, was " + kind(e));
    }
    EventDetails.Builder b =
        EventDetails.builder()
            .start(time("event.start", requiredText(e, "start", "event.start"), anchor));
    String end = optionalText(e, "end", "event.end");
    if (end != null && !end.isBlank()) {
      b.end(time("event.end", end, anchor));
    }
    String location = optionalText(e, "location", "event.location");
    if (location != null && !location.isBlank()) {
      b.location(location.strip());
    }
    String zone = optionalText(e, "timeZone", "event.timeZone");
    if (zone != null && !zone.isBlank()) {
      try {
        b.timeZone(ZoneId.of(zone.strip()));
      } catch (DateTimeException ex) {
        throw invalid("event.timeZone", quote(zone) + " is not a time zone id like Europe/Berlin");
      }
    }
    String status = optionalText(e, "status", "event.status");
    if (status != null && !status.isBlank()) {
      b.status(enumValue(EventStatus.class, "event.status", status));
    }
    return b.build();
  }

  private static OrganizationMention organization(JsonNode o, String path) {
    if (!o.isObject()) {
      throw invalid(path, "expected an object, was " + kind(o));
    }
    String role = optionalText(o, "role", path + ".role");
    OrganizationMention.Builder b =
        OrganizationMention.builder()
            .name(requiredText(o, "name", path + ".name").strip())
            .role(
                role == null || role.isBlank()
                    ? OrganizationRole.MENTIONED
                    : enumValue(OrganizationRole.class, path + ".role", role));
    String domain = optionalText(o, "domain", path + ".domain");
    if (domain != null && !domain.isBlank()) {
      b.domain(domain.strip().toLowerCase(Locale.ROOT));
    }
    return b.build();
  }

  private static PersonMention person(JsonNode p, String path) {
    if (!p.isObject()) {
      throw invalid(path, "expected an object, was " + kind(p));
    }
    PersonMention.Builder b =
        PersonMention.builder().name(requiredText(p, "name", path + ".name").strip());
    String title = optionalText(p, "title", path + ".title");
    if (title != null && !title.isBlank()) {
      b.title(title.strip());
    }
    String employer = optionalText(p, "employer", path + ".employer");
    if (employer != null && !employer.isBlank()) {
      b.employer(employer.strip());
    }
    return b.build();
  }

  private static List<String> strings(JsonNode r, String field) {
    JsonNode array = optionalArray(r, field);
    if (array == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String path = field + "[" + i + "]";
      if (!n.isTextual()) {
        throw invalid(path, "expected a string, was " + kind(n));
      }
      if (n.textValue().isBlank()) {
        throw invalid(path, "must not be blank");
      }
      out.add(n.textValue().strip());
    }
    return out;
  }

  /**
   * Parses an ISO instant, an ISO date or a relative time ({@code now-3d}, {@code now+21dT09:00})
   * against the anchor day.
   */
  private static Instant time(String path, String raw, Instant anchor) {
    String s = raw.strip();
    Matcher m = RELATIVE.matcher(s);
    if (m.matches()) {
      Instant t = anchor;
      boolean hours = false;
      if (m.group(1) != null) {
        long n = Long.parseLong(m.group(2));
        if (m.group(1).equals("-")) {
          n = -n;
        }
        hours = m.group(3).equalsIgnoreCase("h");
        t = t.plus(n, hours ? ChronoUnit.HOURS : ChronoUnit.DAYS);
      }
      if (m.group(4) != null) {
        if (hours) {
          throw invalid(path, quote(raw) + ": a time of day needs a day offset, like now+3dT09:00");
        }
        LocalTime timeOfDay;
        try {
          timeOfDay =
              LocalTime.of(
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)),
                  m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
          throw invalid(path, quote(raw) + " has an invalid time of day");
        }
        t = LocalDate.ofInstant(t, ZoneOffset.UTC).atTime(timeOfDay).toInstant(ZoneOffset.UTC);
      }
      return t;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      // not an instant; try a date
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(path, quote(raw) + " is not an ISO instant or a relative time like now-3d");
    }
  }

  private static URI url(String raw) {
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw invalid("url", quote(raw) + " is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw invalid("url", quote(raw) + " is not an absolute http or https URL");
    }
    return uri;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String path, String raw) {
    String name = raw.strip().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw invalid(
          path,
          quote(raw)
              + " is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }

  // ---- JSON helpers

  private static JsonNode optionalNode(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    return n == null || n.isNull() ? null : n;
  }

  private static JsonNode optionalArray(JsonNode obj, String field) {
    JsonNode n = optionalNode(obj, field);
    if (n != null && !n.isArray()) {
      throw invalid(field, "expected an array, was " + kind(n));
    }
    return n;
  }

  private static String optionalText(JsonNode obj, String field, String path) {
    JsonNode n = optionalNode(obj, field);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw invalid(path, "expected a string, was " + kind(n));
    }
    return n.textValue();
  }

  private static String requiredText(JsonNode obj, String field, String path) {
    JsonNode n = optionalNode(obj, field);
    if (n == null) {
      throw invalid(path, "missing");
    }
    // Numeric ids are common in exports; take them as their decimal text.
    String s = path.equals("id") && n.isIntegralNumber() ? n.asText() : null;
    if (s == null) {
      if (!n.isTextual()) {
        throw invalid(path, "expected a string, was " + kind(n));
      }
      s = n.textValue();
    }
    if (s.isBlank()) {
      throw invalid(path, "must not be blank");
    }
    return s;
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String quote(String raw) {
    String s = raw.length() > MAX_QUOTED ? raw.substring(0, MAX_QUOTED) + "..." : raw;
    return "'" + s + "'";
  }

  private static ValidationException invalid(String path, String problem) {
    return new ValidationException(path + ": " + problem);
  }

  private static void requireId(String id) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("id must not be blank");
    }
  }
}
