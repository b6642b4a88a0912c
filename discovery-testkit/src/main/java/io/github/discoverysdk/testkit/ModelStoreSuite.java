package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.ModelState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of models().
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Models} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class ModelStoreSuite extends StoreSuiteSupport {
  ModelStoreSuite() {}

  @Test
  void aModelStateIsInsertedReadAndUpdatedFromItsVersion() {
    String big = "[" + "0.125,".repeat(20_000) + "1.0]"; // more than a 64 KiB TEXT column holds
    Instant at = T0.plusNanos(123_456_000);
    assertThat(storage().models().find(TENANT_A, "conversion:p1")).isEmpty();

    ModelState saved =
        storage().models().save(modelState(TENANT_A, "conversion:p1", "{\"w\":[1]}"));
    assertThat(saved.version()).isEqualTo(1);
    assertThat(storage().models().find(TENANT_A, "conversion:p1")).contains(saved);

    ModelState updated =
        storage()
            .models()
            .save(
                ModelState.builder()
                    .from(saved)
                    .payload("{\"w\":" + big + ",\"é\":\"ü\"}")
                    .updatedAt(at)
                    .build());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(storage().models().find(TENANT_A, "conversion:p1"))
        .hasValueSatisfying(
            m -> {
              assertThat(m).isEqualTo(updated);
              assertThat(m.payload()).endsWith(",\"é\":\"ü\"}").hasSize(updated.payload().length());
              assertThat(m.updatedAt()).isEqualTo(at);
            });
    String longest = "m".repeat(200);
    assertThat(storage().models().save(modelState(TENANT_A, longest, "{}")).version()).isEqualTo(1);
    assertThat(storage().models().find(TENANT_A, longest)).isPresent();
    assertThat(storage().models().find(TENANT_A, "conversion:p2")).isEmpty();
  }

  @Test
  void aModelStateWrittenFromAStaleVersionIsRejectedAndKeepsTheStoredOne() {
    ModelState saved = storage().models().save(modelState(TENANT_A, "m", "{\"v\":1}"));
    ModelState updated =
        storage().models().save(ModelState.builder().from(saved).payload("{\"v\":2}").build());

    assertThatThrownBy(
            () ->
                storage()
                    .models()
                    .save(ModelState.builder().from(saved).payload("{\"v\":\"stale\"}").build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () ->
                storage()
                    .models()
                    .save(
                        ModelState.builder()
                            .from(modelState(TENANT_A, "never", "{}"))
                            .version(3)
                            .build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(storage().models().find(TENANT_A, "m")).contains(updated);
    assertThat(storage().models().find(TENANT_A, "never")).isEmpty();
  }

  @Test
  void insertingAModelStateWhoseNameExistsThrows() {
    ModelState saved = storage().models().save(modelState(TENANT_A, "m", "{\"v\":1}"));

    assertThatThrownBy(() -> storage().models().save(modelState(TENANT_A, "m", "{\"v\":2}")))
        .isInstanceOf(ConcurrentUpdateException.class);
    // Inside a transaction the conflict fails only the statement: the transaction can go on.
    ModelState other =
        storage()
            .inTransaction(
                tx -> {
                  assertThatThrownBy(() -> tx.models().save(modelState(TENANT_A, "m", "{}")))
                      .isInstanceOf(ConcurrentUpdateException.class);
                  return tx.models().save(modelState(TENANT_A, "other", "{}"));
                });
    assertThat(storage().models().find(TENANT_A, "m")).contains(saved);
    assertThat(storage().models().find(TENANT_A, "other")).contains(other);
  }

  @Test
  void modelStatesAreScopedByTenant() {
    ModelState a = storage().models().save(modelState(TENANT_A, "conversion:p", "{\"t\":\"a\"}"));

    assertThat(storage().models().find(TENANT_B, "conversion:p")).isEmpty();
    ModelState b = storage().models().save(modelState(TENANT_B, "conversion:p", "{\"t\":\"b\"}"));
    assertThat(b.version()).isEqualTo(1);
    storage().models().save(ModelState.builder().from(b).payload("{\"t\":\"b2\"}").build());

    assertThat(storage().models().find(TENANT_A, "conversion:p")).contains(a);
    assertThat(storage().models().find(TENANT_B, "conversion:p"))
        .hasValueSatisfying(m -> assertThat(m.payload()).isEqualTo("{\"t\":\"b2\"}"));
  }

  @Test
  void aFailedTransactionStoresNoModelState() {
    ModelState kept = storage().models().save(modelState(TENANT_A, "kept", "{\"v\":1}"));
    IllegalStateException failure = new IllegalStateException("work failed");

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.models().save(modelState(TENANT_A, "new", "{}"));
                          tx.models()
                              .save(ModelState.builder().from(kept).payload("{\"v\":2}").build());
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(storage().models().find(TENANT_A, "new")).isEmpty();
    assertThat(storage().models().find(TENANT_A, "kept")).contains(kept);
    // The rolled-back insert left nothing behind that would block inserting it again.
    assertThat(storage().models().save(modelState(TENANT_A, "new", "{}")).version()).isEqualTo(1);
  }
}
