package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Objects;

/**
 * Which opportunities a conversion detected in a system of record ({@code engine.records()}) is the
 * outcome of, so that {@link ConversionLearner#learningFromConversions} can teach their profiles'
 * models. The engine cannot know it: a conversion belongs to a record (a user who signed), and a
 * conversion model belongs to a profile and learns from the opportunities it showed. The CRM_CHANGE
 * opportunity that {@code ConversionSignals} makes of a conversion is the news of the outcome, not
 * the lead that led to it: learning it as converted would teach every model that CRM_CHANGE
 * opportunities convert, which they do by construction. Only the host knows which opportunity the
 * record came from (for example an opportunity id it wrote into the record when it created the
 * lead). Implementations must be pure reads through {@code tx}, quick and thread-safe.
 */
@FunctionalInterface
public interface ConversionMapping {
  /**
   * The opportunities whose outcome {@code conversion} is; empty to learn nothing from it.
   *
   * @param tx the storage bound to the transaction that records the conversion
   */
  List<Opportunity> opportunitiesOf(Conversion conversion, Storage tx);

  /**
   * The opportunity whose id ({@link OpportunityId#value()}) the record's converted state holds in
   * {@code column}; nothing when the column is absent, is not a valid id, or names no opportunity
   * of the conversion's tenant, so that a stray value never stops the record job.
   */
  static ConversionMapping byStateColumn(String column) {
    Objects.requireNonNull(column, "column");
    return (conversion, tx) -> {
      String id = conversion.to().get(column);
      if (id == null) {
        return List.of();
      }
      try {
        return tx.opportunities().find(OpportunityId.of(conversion.tenant(), id)).stream().toList();
      } catch (ValidationException e) {
        return List.of();
      }
    };
  }
}
