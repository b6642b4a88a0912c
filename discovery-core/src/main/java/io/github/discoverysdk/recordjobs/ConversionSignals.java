package io.github.discoverysdk.recordjobs;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The conversions of {@code engine.records()} as {@link SignalType#CRM_CHANGE} signals: the path
 * from a system of record to alert rules, pushes and the outbox. A conversion belongs to a record,
 * not to an opportunity, so it cannot enter the outbox by itself (an outbox entry delivers an
 * opportunity); registered with {@code addSource}, this source feeds each conversion to the
 * discovery run as a signal, where it is matched against the tenant's profiles like any other
 * signal (say which company it concerns in the mapping function), becomes an opportunity of each
 * profile it matches, and from there reaches alerts, {@code pushWhen} rules and the outbox, once
 * per conversion (the signal's key is the conversion's {@link Conversion#id()}).
 *
 * <pre>{@code
 * builder.addSource(ConversionSignals.source("crm-conversions", storage,
 *     c -> Optional.of(ConversionSignals.signal("crm-conversions", c,
 *         Optional.ofNullable(c.to().get("company"))))));
 * }</pre>
 *
 * <p>A feed source: its cursor is the last conversion's sequence. Thread-safe.
 */
public final class ConversionSignals implements SignalSource {
  private final String id;
  private final Storage storage;
  private final Function<Conversion, Optional<Signal>> toSignal;

  private ConversionSignals(
      String id, Storage storage, Function<Conversion, Optional<Signal>> toSignal) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("id must not be blank");
    }
    this.id = id;
    this.storage = Objects.requireNonNull(storage, "storage");
    this.toSignal = Objects.requireNonNull(toSignal, "toSignal");
  }

  /**
   * A source of the conversions stored in {@code storage} (the engine's), each mapped to a signal
   * by {@code toSignal}; a conversion mapped to empty is skipped.
   */
  public static ConversionSignals source(
      String id, Storage storage, Function<Conversion, Optional<Signal>> toSignal) {
    return new ConversionSignals(id, storage, toSignal);
  }

  /**
   * The plain signal of a conversion: keyed by its id under {@code sourceId}, titled by its record
   * and type, published when the row changed, about {@code company} when given.
   */
  public static Signal signal(String sourceId, Conversion c, Optional<String> company) {
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(sourceId, c.id()))
            .type(SignalType.CRM_CHANGE)
            .title(c.type() + " " + c.key() + ": " + c.conversionType())
            .text(c.from() + " -> " + c.to())
            .publishedAt(c.sourceAt())
            .observedAt(c.detectedAt());
    company.ifPresent(n -> b.addOrganizations(OrganizationMention.of(n, OrganizationRole.SUBJECT)));
    return b.build();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SourceCapabilities capabilities() {
    return SourceCapabilities.builder()
        .queryMode(QueryMode.FEED)
        .addSignalTypes(SignalType.CRM_CHANGE)
        .build();
  }

  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) {
    long after = request.cursor().map(ConversionSignals::sequence).orElse(0L);
    List<Conversion> page =
        storage.records().listConversions(context.tenant(), after, request.limit());
    List<Signal> signals = new ArrayList<>();
    for (Conversion c : page) {
      toSignal.apply(c).ifPresent(signals::add);
    }
    String next =
        page.isEmpty() ? Long.toString(after) : Long.toString(page.get(page.size() - 1).sequence());
    return SourceResult.builder().signals(signals).nextCursor(next).build();
  }

  private static long sequence(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "cursor of a conversion source must be a number, was " + cursor);
    }
  }
}
