package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.AlertPreferences;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.model.TeamNote;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Theme;
import io.github.discoverysdk.model.Urgency;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON text of the nested values the tables keep in one column. Written by hand on Jackson's
 * tree model so that the stored shape is explicit, stable and independent of the value classes'
 * internals. Instants are ISO-8601 strings and keep their full precision. Stateless, thread-safe.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  // ---- profile

  static String criteria(Profile p) {
    ObjectNode o = NODES.objectNode();
    o.set("industries", strings(p.industries()));
    o.set("regions", strings(p.regions()));
    o.set("targetTitles", strings(p.targetTitles()));
    ArrayNode watchlist = o.putArray("watchlist");
    for (Company c : p.watchlist()) {
      ObjectNode n = watchlist.addObject();
      n.put("name", c.name());
      n.set("aliases", strings(c.aliases()));
      n.set("domains", strings(c.domains()));
      if (!c.tickers().isEmpty()) {
        n.set("tickers", strings(c.tickers()));
      }
    }
    o.set("competitors", strings(p.competitors()));
    o.set("keywords", strings(p.keywords()));
    if (!p.languages().isEmpty()) {
      o.set("languages", strings(p.languages()));
    }
    ArrayNode types = o.putArray("signalTypes");
    p.signalTypes().forEach(t -> types.add(t.name()));
    p.cron().ifPresent(c -> o.put("cron", c));
    o.put("scheduleZone", p.scheduleZone().getId());
    return write(o);
  }

  static void readCriteria(String json, Profile.Builder b) {
    JsonNode o = read(json);
    b.industries(stringList(o.get("industries")));
    b.regions(stringList(o.get("regions")));
    b.targetTitles(stringList(o.get("targetTitles")));
    for (JsonNode n : o.get("watchlist")) {
      b.addWatchlist(
          Company.builder()
              .name(n.get("name").asText())
              .aliases(stringList(n.get("aliases")))
              .domains(stringList(n.get("domains")))
              .tickers(n.has("tickers") ? stringList(n.get("tickers")) : List.of())
              .build());
    }
    b.competitors(stringList(o.get("competitors")));
    b.keywords(stringList(o.get("keywords")));
    if (o.has("languages")) {
      b.languages(stringList(o.get("languages")));
    }
    for (JsonNode t : o.get("signalTypes")) {
      b.addSignalTypes(SignalType.valueOf(t.asText()));
    }
    text(o, "cron").ifPresent(b::cron);
    text(o, "scheduleZone").map(ZoneId::of).ifPresent(b::scheduleZone);
  }

  static String alerts(AlertPreferences a) {
    ObjectNode o = NODES.objectNode();
    o.put("enabled", a.enabled());
    o.set("channels", strings(a.channels()));
    o.put("minConfidence", a.minConfidence());
    a.quietFrom().ifPresent(t -> o.put("quietFrom", t.toString()));
    a.quietUntil().ifPresent(t -> o.put("quietUntil", t.toString()));
    o.put("dailyDigest", a.dailyDigest());
    o.put("digestAt", a.digestAt().toString());
    o.put("zone", a.zone().getId());
    return write(o);
  }

  static AlertPreferences readAlerts(String json) {
    JsonNode o = read(json);
    // Fields added after version 1 take their defaults when absent.
    AlertPreferences.Builder b =
        AlertPreferences.builder()
            .enabled(o.get("enabled").asBoolean())
            .channels(stringList(o.get("channels")))
            .minConfidence(o.get("minConfidence").asDouble());
    text(o, "quietFrom").map(LocalTime::parse).ifPresent(b::quietFrom);
    text(o, "quietUntil").map(LocalTime::parse).ifPresent(b::quietUntil);
    if (o.hasNonNull("dailyDigest")) {
      b.dailyDigest(o.get("dailyDigest").asBoolean());
    }
    text(o, "digestAt").map(LocalTime::parse).ifPresent(b::digestAt);
    text(o, "zone").map(ZoneId::of).ifPresent(b::zone);
    return b.build();
  }

  // ---- signal

  static String event(EventDetails e) {
    return write(eventNode(e));
  }

  static EventDetails readEvent(String json) {
    return readEvent(read(json));
  }

  private static ObjectNode eventNode(EventDetails e) {
    ObjectNode o = NODES.objectNode();
    o.put("start", e.start().toString());
    e.end().ifPresent(v -> o.put("end", v.toString()));
    e.location().ifPresent(v -> o.put("location", v));
    e.timeZone().ifPresent(v -> o.put("timeZone", v.getId()));
    o.put("status", e.status().name());
    return o;
  }

  private static EventDetails readEvent(JsonNode o) {
    EventDetails.Builder b =
        EventDetails.builder()
            .start(Instant.parse(o.get("start").asText()))
            .status(EventStatus.valueOf(o.get("status").asText()));
    text(o, "end").map(Instant::parse).ifPresent(b::end);
    text(o, "location").ifPresent(b::location);
    text(o, "timeZone").map(ZoneId::of).ifPresent(b::timeZone);
    return b.build();
  }

  static String organizations(List<OrganizationMention> list) {
    return write(organizationsNode(list));
  }

  static List<OrganizationMention> readOrganizations(String json) {
    return readOrganizations(read(json));
  }

  private static ArrayNode organizationsNode(List<OrganizationMention> list) {
    ArrayNode a = NODES.arrayNode();
    for (OrganizationMention m : list) {
      ObjectNode n = a.addObject();
      n.put("name", m.name());
      n.put("role", m.role().name());
      m.domain().ifPresent(d -> n.put("domain", d));
      m.span().ifPresent(sp -> n.set("span", spanNode(sp)));
    }
    return a;
  }

  private static List<OrganizationMention> readOrganizations(JsonNode array) {
    return list(
        array,
        n -> {
          OrganizationMention.Builder b =
              OrganizationMention.builder()
                  .name(n.get("name").asText())
                  .role(OrganizationRole.valueOf(n.get("role").asText()));
          text(n, "domain").ifPresent(b::domain);
          readSpan(n).ifPresent(b::span);
          return b.build();
        });
  }

  static String people(List<PersonMention> list) {
    return write(peopleNode(list));
  }

  static List<PersonMention> readPeople(String json) {
    return readPeople(read(json));
  }

  private static ArrayNode peopleNode(List<PersonMention> list) {
    ArrayNode a = NODES.arrayNode();
    for (PersonMention m : list) {
      ObjectNode n = a.addObject();
      n.put("name", m.name());
      m.title().ifPresent(v -> n.put("title", v));
      m.employer().ifPresent(v -> n.put("employer", v));
      m.span().ifPresent(sp -> n.set("span", spanNode(sp)));
    }
    return a;
  }

  private static List<PersonMention> readPeople(JsonNode array) {
    return list(
        array,
        n -> {
          PersonMention.Builder b = PersonMention.builder().name(n.get("name").asText());
          text(n, "title").ifPresent(b::title);
          text(n, "employer").ifPresent(b::employer);
          readSpan(n).ifPresent(b::span);
          return b.build();
        });
  }

  /** A mention's span: {@code {"field":"TEXT","start":4,"end":9,"confidence":0.9}}. */
  private static ObjectNode spanNode(MentionSpan sp) {
    ObjectNode n = NODES.objectNode();
    n.put("field", sp.field().name());
    n.put("start", sp.start());
    n.put("end", sp.end());
    n.put("confidence", sp.confidence());
    return n;
  }

  /** The span of a mention node; mentions stored before spans existed have none. */
  private static Optional<MentionSpan> readSpan(JsonNode mention) {
    JsonNode n = mention.get("span");
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        MentionSpan.of(
            EvidenceField.valueOf(n.get("field").asText()),
            n.get("start").asInt(),
            n.get("end").asInt(),
            n.get("confidence").asDouble()));
  }

  static String themes(Set<Theme> themes) {
    return write(strings(new TreeSet<>(themes.stream().map(Theme::name).toList())));
  }

  static List<Theme> readThemes(String json) {
    return json == null ? List.of() : stringList(read(json)).stream().map(Theme::valueOf).toList();
  }

  static String stringSet(Collection<String> values) {
    return write(strings(values));
  }

  static List<String> readStrings(String json) {
    return stringList(read(json));
  }

  /**
   * Whole signals, as the query cache keeps a source's answer: a JSON array of objects with the
   * fields of {@code discovery_signal}'s columns, the nested ones (event, organizations, people) in
   * the same shape as those columns. Read by {@link #readSignals}.
   */
  static String signals(List<Signal> signals) {
    ArrayNode a = NODES.arrayNode();
    for (Signal s : signals) {
      ObjectNode n = a.addObject();
      n.put("sourceId", s.key().sourceId());
      n.put("externalId", s.key().externalId());
      n.put("type", s.type().name());
      n.put("title", s.title());
      n.put("text", s.text());
      s.url().ifPresent(u -> n.put("url", u.toString()));
      n.put("publishedAt", s.publishedAt().toString());
      n.put("observedAt", s.observedAt().toString());
      s.event().ifPresent(e -> n.set("event", eventNode(e)));
      n.set("organizations", organizationsNode(s.organizations()));
      n.set("people", peopleNode(s.people()));
      n.set("industries", strings(s.industries()));
      n.set("regions", strings(s.regions()));
      s.language().ifPresent(l -> n.put("language", l));
      if (!s.themes().isEmpty()) {
        n.set("themes", read(themes(s.themes())));
      }
    }
    return write(a);
  }

  static List<Signal> readSignals(String json) {
    return list(
        read(json),
        n -> {
          Signal.Builder b =
              Signal.builder()
                  .key(SignalKey.of(n.get("sourceId").asText(), n.get("externalId").asText()))
                  .type(SignalType.valueOf(n.get("type").asText()))
                  .title(n.get("title").asText())
                  .text(n.get("text").asText())
                  .publishedAt(Instant.parse(n.get("publishedAt").asText()))
                  .observedAt(Instant.parse(n.get("observedAt").asText()))
                  .organizations(readOrganizations(n.get("organizations")))
                  .people(readPeople(n.get("people")))
                  .industries(stringList(n.get("industries")))
                  .regions(stringList(n.get("regions")));
          text(n, "url").map(URI::create).ifPresent(b::url);
          text(n, "language").ifPresent(b::language);
          if (n.has("themes")) {
            stringList(n.get("themes")).forEach(t -> b.addThemes(Theme.valueOf(t)));
          }
          JsonNode event = n.get("event");
          if (event != null && !event.isNull()) {
            b.event(readEvent(event));
          }
          return b.build();
        });
  }

  // ---- opportunity

  static String score(Score s) {
    ObjectNode o = NODES.objectNode();
    o.put("total", s.total());
    o.put("strength", s.strength().name());
    ArrayNode factors = o.putArray("factors");
    for (ScoreFactor f : s.factors()) {
      ObjectNode n = factors.addObject();
      n.put("name", f.name());
      n.put("value", f.value());
      n.put("weight", f.weight());
      n.put("contribution", f.contribution());
      n.put("reason", f.reason());
    }
    return write(o);
  }

  static Score readScore(String json) {
    JsonNode o = read(json);
    return Score.builder()
        .total(o.get("total").asDouble())
        .strength(SignalStrength.valueOf(o.get("strength").asText()))
        .factors(
            list(
                o.get("factors"),
                n ->
                    ScoreFactor.of(
                        n.get("name").asText(),
                        n.get("value").asDouble(),
                        n.get("weight").asDouble(),
                        n.get("contribution").asDouble(),
                        n.get("reason").asText())))
        .build();
  }

  static String matches(List<Match> matches) {
    ArrayNode a = NODES.arrayNode();
    for (Match m : matches) {
      ObjectNode n = a.addObject();
      n.put("target", m.target().name());
      n.put("kind", m.kind().name());
      n.put("term", m.term());
      n.put("matchedText", m.matchedText());
      n.put("confidence", m.confidence());
      n.put("field", m.field().name());
      n.put("start", m.start());
      n.put("end", m.end());
      n.put("rule", m.rule());
    }
    return write(a);
  }

  static List<Match> readMatches(String json) {
    return list(
        read(json),
        n ->
            Match.builder()
                .target(MatchTarget.valueOf(n.get("target").asText()))
                .kind(MatchKind.valueOf(n.get("kind").asText()))
                .term(n.get("term").asText())
                .matchedText(n.get("matchedText").asText())
                .confidence(n.get("confidence").asDouble())
                .field(EvidenceField.valueOf(n.get("field").asText()))
                .start(n.get("start").asInt())
                .end(n.get("end").asInt())
                .rule(n.get("rule").asText())
                .build());
  }

  static String temporal(TemporalAssessment t) {
    ObjectNode o = NODES.objectNode();
    o.put("assessedAt", t.assessedAt().toString());
    if (t.daysUntilEvent().isPresent()) {
      o.put("daysUntilEvent", t.daysUntilEvent().getAsLong());
    }
    o.put("ageDays", t.ageDays());
    o.put("urgency", t.urgency().name());
    t.outreachDate().ifPresent(d -> o.put("outreachDate", d.toString()));
    o.put("window", t.window().name());
    o.put("recommendedAction", t.recommendedAction());
    return write(o);
  }

  static TemporalAssessment readTemporal(String json) {
    JsonNode o = read(json);
    TemporalAssessment.Builder b =
        TemporalAssessment.builder()
            .assessedAt(Instant.parse(o.get("assessedAt").asText()))
            .ageDays(o.get("ageDays").asLong())
            .urgency(Urgency.valueOf(o.get("urgency").asText()))
            .window(ActionWindow.valueOf(o.get("window").asText()))
            .recommendedAction(o.get("recommendedAction").asText());
    if (o.hasNonNull("daysUntilEvent")) {
      b.daysUntilEvent(o.get("daysUntilEvent").asLong());
    }
    text(o, "outreachDate").map(LocalDate::parse).ifPresent(b::outreachDate);
    return b.build();
  }

  /**
   * Attribute name to value, such as an opportunity's company attributes; read by readStringMap.
   */
  static String stringMap(Map<String, String> values) {
    ObjectNode o = NODES.objectNode();
    new TreeMap<>(values).forEach(o::put);
    return write(o);
  }

  static Map<String, String> readStringMap(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    read(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** An ordered list of strings, such as an opportunity's change lines; read by readStrings. */
  static String textList(List<String> values) {
    return write(strings(values));
  }

  // ---- team notes

  /** A shared opportunity's notes, oldest first; read by readTeamNotes. */
  static String teamNotes(List<TeamNote> notes) {
    ArrayNode a = NODES.arrayNode();
    for (TeamNote n : notes) {
      ObjectNode o = a.addObject();
      o.put("author", n.author());
      o.put("text", n.text());
      o.put("at", n.at().toString());
    }
    return write(a);
  }

  static List<TeamNote> readTeamNotes(String json) {
    return list(
        read(json),
        n ->
            TeamNote.builder()
                .author(n.get("author").asText())
                .text(n.get("text").asText())
                .at(Instant.parse(n.get("at").asText()))
                .build());
  }

  // ---- lifecycle

  static String lifecycleChanges(List<LifecycleChange> changes) {
    ArrayNode a = NODES.arrayNode();
    for (LifecycleChange c : changes) {
      ObjectNode n = a.addObject();
      n.put("kind", c.kind().name());
      n.put("summary", c.summary());
      c.before().ifPresent(v -> n.put("before", v));
      c.after().ifPresent(v -> n.put("after", v));
    }
    return write(a);
  }

  /**
   * Reads what {@link #lifecycleChanges} wrote. {@link LifecycleChange} can only be built with both
   * or neither of its old and new values, which is what {@link SqlRunStore} accepts for writing.
   */
  static List<LifecycleChange> readLifecycleChanges(String json) {
    return list(
        read(json),
        n -> {
          ChangeKind kind = ChangeKind.valueOf(n.get("kind").asText());
          String summary = n.get("summary").asText();
          Optional<String> before = text(n, "before");
          Optional<String> after = text(n, "after");
          if (before.isPresent() && after.isPresent()) {
            return LifecycleChange.of(kind, summary, before.get(), after.get());
          }
          if (before.isEmpty() && after.isEmpty()) {
            return LifecycleChange.of(kind, summary);
          }
          throw new StorageException(
              "a stored lifecycle change has only one of its old and new values");
        });
  }

  // ---- run report

  static String run(RunReport r) {
    ObjectNode o = NODES.objectNode();
    o.put("runId", r.runId());
    o.put("tenant", r.tenant());
    o.put("kind", r.kind().name());
    ArrayNode profiles = o.putArray("profiles");
    r.profiles()
        .forEach(p -> profiles.addObject().put("tenant", p.tenant()).put("value", p.value()));
    o.put("startedAt", r.startedAt().toString());
    o.put("finishedAt", r.finishedAt().toString());
    o.put("status", r.status().name());
    o.put("queriesPlanned", r.queriesPlanned());
    o.put("queriesExecuted", r.queriesExecuted());
    o.put("signalsFetched", r.signalsFetched());
    o.put("signalsNew", r.signalsNew());
    o.put("signalsChanged", r.signalsChanged());
    o.put("signalsUnchanged", r.signalsUnchanged());
    o.put("recordsRejected", r.recordsRejected());
    o.put("signalsBackfilled", r.signalsBackfilled());
    o.put("matches", r.matches());
    o.put("opportunitiesNew", r.opportunitiesNew());
    o.put("opportunitiesUpdated", r.opportunitiesUpdated());
    o.put("opportunitiesUnchanged", r.opportunitiesUnchanged());
    o.put("opportunitiesArchived", r.opportunitiesArchived());
    o.put("expiredOnArrival", r.expiredOnArrival());
    o.put("lifecycleEvents", r.lifecycleEvents());
    o.put("alertsSent", r.alertsSent());
    o.put("companiesEnriched", r.companiesEnriched());
    o.set("enrichmentSkipped", strings(r.enrichmentSkipped()));
    ObjectNode redactions = o.putObject("redactions");
    new java.util.TreeMap<>(r.redactions()).forEach(redactions::put);
    if (!r.counts().isEmpty()) {
      ObjectNode counts = o.putObject("counts");
      new java.util.TreeMap<>(r.counts()).forEach(counts::put);
    }
    if (!r.stageTimes().isEmpty()) {
      ObjectNode times = o.putObject("stageNanos");
      new java.util.TreeMap<>(r.stageTimes()).forEach((k, v) -> times.put(k, v.toNanos()));
    }
    ArrayNode sources = o.putArray("sources");
    for (SourceStats s : r.sources()) {
      ObjectNode n = sources.addObject();
      n.put("sourceId", s.sourceId());
      n.put("calls", s.calls());
      n.put("cacheHits", s.cacheHits());
      n.put("recordsFetched", s.recordsFetched());
      n.put("recordsRejected", s.recordsRejected());
      n.put("errors", s.errors());
      n.put("estimatedCost", s.estimatedCost());
    }
    o.set("errors", strings(r.errors()));
    return write(o);
  }

  /** Reads what {@link #run} wrote; fields added after version 1 take their defaults if absent. */
  static RunReport readRun(String json) {
    JsonNode o = read(json);
    RunReport.Builder b = RunReport.builder();
    text(o, "kind").map(RunKind::valueOf).ifPresent(b::kind);
    if (o.hasNonNull("opportunitiesArchived")) {
      b.opportunitiesArchived(o.get("opportunitiesArchived").asInt());
    }
    if (o.hasNonNull("expiredOnArrival")) {
      b.expiredOnArrival(o.get("expiredOnArrival").asInt());
    }
    if (o.hasNonNull("lifecycleEvents")) {
      b.lifecycleEvents(o.get("lifecycleEvents").asInt());
    }
    if (o.hasNonNull("companiesEnriched")) {
      b.companiesEnriched(o.get("companiesEnriched").asInt());
    }
    if (o.hasNonNull("enrichmentSkipped")) {
      b.enrichmentSkipped(stringList(o.get("enrichmentSkipped")));
    }
    if (o.hasNonNull("redactions")) {
      o.get("redactions")
          .fields()
          .forEachRemaining(e -> b.putRedactions(e.getKey(), e.getValue().asInt()));
    }
    if (o.hasNonNull("counts")) {
      o.get("counts").fields().forEachRemaining(e -> b.putCounts(e.getKey(), e.getValue().asInt()));
    }
    if (o.hasNonNull("stageNanos")) {
      o.get("stageNanos")
          .fields()
          .forEachRemaining(
              e -> b.putStageTimes(e.getKey(), Duration.ofNanos(e.getValue().asLong())));
    }
    return b.runId(o.get("runId").asText())
        .tenant(o.get("tenant").asText())
        .profiles(
            list(
                o.get("profiles"),
                n -> ProfileId.of(n.get("tenant").asText(), n.get("value").asText())))
        .startedAt(Instant.parse(o.get("startedAt").asText()))
        .finishedAt(Instant.parse(o.get("finishedAt").asText()))
        .status(RunStatus.valueOf(o.get("status").asText()))
        .queriesPlanned(o.get("queriesPlanned").asInt())
        .queriesExecuted(o.get("queriesExecuted").asInt())
        .signalsFetched(o.get("signalsFetched").asInt())
        .signalsNew(o.get("signalsNew").asInt())
        .signalsChanged(o.get("signalsChanged").asInt())
        .signalsUnchanged(o.get("signalsUnchanged").asInt())
        .recordsRejected(o.get("recordsRejected").asInt())
        .signalsBackfilled(o.get("signalsBackfilled").asInt())
        .matches(o.get("matches").asInt())
        .opportunitiesNew(o.get("opportunitiesNew").asInt())
        .opportunitiesUpdated(o.get("opportunitiesUpdated").asInt())
        .opportunitiesUnchanged(o.get("opportunitiesUnchanged").asInt())
        .alertsSent(o.get("alertsSent").asInt())
        .sources(
            list(
                o.get("sources"),
                n ->
                    SourceStats.builder()
                        .sourceId(n.get("sourceId").asText())
                        .calls(n.get("calls").asInt())
                        .cacheHits(n.get("cacheHits").asInt())
                        .recordsFetched(n.get("recordsFetched").asInt())
                        .recordsRejected(n.get("recordsRejected").asInt())
                        .errors(n.get("errors").asInt())
                        .estimatedCost(n.get("estimatedCost").asDouble())
                        .build()))
        .errors(stringList(o.get("errors")))
        .build();
  }

  // ---- helpers

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode a = NODES.arrayNode();
    values.forEach(a::add);
    return a;
  }

  private static List<String> stringList(JsonNode array) {
    return list(array, JsonNode::asText);
  }

  private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
    List<T> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      out.add(item.apply(n));
    }
    return out;
  }

  private static Optional<String> text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored JSON column is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
