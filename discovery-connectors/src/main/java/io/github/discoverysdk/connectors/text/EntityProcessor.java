package io.github.discoverysdk.connectors.text;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.EntityExtractor;
import io.github.discoverysdk.spi.SignalProcessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ObjIntConsumer;

/**
 * The {@code entities} processor: see {@link TextProcessors#entities(EntityExtractor)}. Reads the
 * title whole and the text in chunks, shifts each chunk's spans by the chunk's offset, and adds to
 * the signal's mentions those it does not hold yet (by name, ignoring case), up to {@link
 * Signal#MAX_MENTIONS}. The run pipeline's tenant form passes the tenant to the extractor's tenant
 * form; the tenant-less form calls the extractor's tenant-less one. Thread-safe when the extractor
 * is.
 */
final class EntityProcessor implements SignalProcessor {
  private final EntityExtractor extractor;
  private final Chunker chunker;

  EntityProcessor(EntityExtractor extractor, Chunker chunker) {
    this.extractor = extractor;
    this.chunker = chunker;
  }

  @Override
  public String id() {
    return "entities";
  }

  @Override
  public Signal process(Signal signal, ObjIntConsumer<String> counts) {
    return extractAll(signal, extractor::extract);
  }

  @Override
  public Signal process(String tenant, Signal signal, ObjIntConsumer<String> counts) {
    return extractAll(signal, (text, field) -> extractor.extract(tenant, text, field));
  }

  private Signal extractAll(
      Signal signal, BiFunction<String, EvidenceField, EntityExtractor.Extraction> extract) {
    List<OrganizationMention> orgs = new ArrayList<>(signal.organizations());
    List<PersonMention> people = new ArrayList<>(signal.people());
    Set<String> orgNames = names(orgs.stream().map(OrganizationMention::name).toList());
    Set<String> personNames = names(people.stream().map(PersonMention::name).toList());
    int before = orgs.size() + people.size();
    add(extract.apply(signal.title(), EvidenceField.TITLE), 0, orgs, orgNames, people, personNames);
    chunker.forEach(
        signal.text(),
        chunk -> {
          EntityExtractor.Extraction found = extract.apply(chunk.text(), EvidenceField.TEXT);
          add(found, chunk.offset(), orgs, orgNames, people, personNames);
          return orgs.size() < Signal.MAX_MENTIONS || people.size() < Signal.MAX_MENTIONS;
        });
    if (orgs.size() + people.size() == before) {
      return signal;
    }
    return Signal.builder().from(signal).organizations(orgs).people(people).build();
  }

  private static void add(
      EntityExtractor.Extraction found,
      int offset,
      List<OrganizationMention> orgs,
      Set<String> orgNames,
      List<PersonMention> people,
      Set<String> personNames) {
    for (OrganizationMention o : found.organizations()) {
      if (orgs.size() < Signal.MAX_MENTIONS && orgNames.add(key(o.name()))) {
        orgs.add(OrganizationMention.builder().from(o).span(shift(o.span(), offset)).build());
      }
    }
    for (PersonMention p : found.people()) {
      if (people.size() < Signal.MAX_MENTIONS && personNames.add(key(p.name()))) {
        people.add(PersonMention.builder().from(p).span(shift(p.span(), offset)).build());
      }
    }
  }

  private static Optional<MentionSpan> shift(Optional<MentionSpan> span, int offset) {
    if (offset == 0 || span.isEmpty()) {
      return span;
    }
    MentionSpan s = span.get();
    return Optional.of(
        MentionSpan.of(s.field(), s.start() + offset, s.end() + offset, s.confidence()));
  }

  private static Set<String> names(List<String> names) {
    Set<String> out = new HashSet<>();
    names.forEach(n -> out.add(key(n)));
    return out;
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "EntityProcessor[" + extractor.id() + "]";
  }
}
