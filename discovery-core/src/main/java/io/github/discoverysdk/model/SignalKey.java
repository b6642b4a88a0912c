package io.github.discoverysdk.model;

/**
 * Natural key of a signal: the source that produced it and the source's own id for it. Two fetches
 * of the same item yield the same key, which is what makes discovery idempotent.
 *
 * @param sourceId id of the {@code SignalSource}
 * @param externalId the source's id of the item
 */
public record SignalKey(String sourceId, String externalId) {
  public SignalKey {
    Checks.notBlank("signalKey.sourceId", sourceId);
    Checks.notBlank("signalKey.externalId", externalId);
    Checks.maxLength("signalKey.externalId", externalId, 512);
  }

  public static SignalKey of(String sourceId, String externalId) {
    return new SignalKey(sourceId, externalId);
  }

  @Override
  public String toString() {
    return sourceId + ":" + externalId;
  }
}
