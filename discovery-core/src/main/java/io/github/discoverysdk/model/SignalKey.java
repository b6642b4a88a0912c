package io.github.discoverysdk.model;

/**
 * Natural key of a signal: the source that produced it and the source's own id for it. Two fetches
 * of the same item yield the same key, which is what makes discovery idempotent.
 *
 * <p>Both parts are at most {@link #MAX_SOURCE_ID} and {@link #MAX_EXTERNAL_ID} long and hold no
 * NUL character or unpaired surrogate, so that every storage can key a row by them; otherwise the
 * constructor throws a {@code ValidationException} naming the part.
 *
 * @param sourceId id of the {@code SignalSource}
 * @param externalId the source's id of the item
 */
public record SignalKey(String sourceId, String externalId) {
  /** Longest {@link #sourceId()}, in UTF-16 code units. */
  public static final int MAX_SOURCE_ID = 100;

  /** Longest {@link #externalId()}, in UTF-16 code units. */
  public static final int MAX_EXTERNAL_ID = 512;

  public SignalKey {
    Checks.notBlank("signalKey.sourceId", sourceId);
    Checks.maxLength("signalKey.sourceId", sourceId, MAX_SOURCE_ID);
    Checks.storable("signalKey.sourceId", sourceId);
    Checks.notBlank("signalKey.externalId", externalId);
    Checks.maxLength("signalKey.externalId", externalId, MAX_EXTERNAL_ID);
    Checks.storable("signalKey.externalId", externalId);
  }

  public static SignalKey of(String sourceId, String externalId) {
    return new SignalKey(sourceId, externalId);
  }

  @Override
  public String toString() {
    return sourceId + ":" + externalId;
  }
}
