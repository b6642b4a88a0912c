package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.review.ReviewCard;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryRetryTest {
  private final ReviewFixture f = new ReviewFixture();
  private final DiscoveryEngine engine = f.engine();

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** An activation the CRM refused for good: its push entry is DEAD. */
  private OutboxEntry deadPush() {
    f.profile(engine);
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = engine.reviews().submit(ANA, id, 0);
    c = engine.reviews().approve(ANA, id, c.version(), Optional.empty());
    f.crm.failures.set(1);
    engine.reviews().activate(ANA, id, c.version(), "crm");
    OutboxEntry dead = f.memory.outbox().list(TENANT, 10).get(0);
    assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
    return dead;
  }

  @Test
  void aDeadDeliveryRetriedByHandIsDeliveredAndTheRetryIsAudited() {
    OutboxEntry dead = deadPush();

    OutboxEntry retried = engine.reviews().retryDelivery(ANA, TENANT, dead.id());

    assertThat(retried.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(retried.attempts()).isZero();
    assertThat(retried.nextAttemptAt()).isEqualTo(f.clock.instant());
    assertThat(f.memory.outbox().find(TENANT, dead.id()).orElseThrow().status())
        .isEqualTo(OutboxStatus.SENT);
    assertThat(f.crm.records).containsKey(dead.opportunityId().orElseThrow().value());
    List<AuditEntry> rows = f.memory.audit().byEntity(TENANT, "delivery", dead.id(), 0, 10);
    assertThat(rows)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.RETRY);
              assertThat(e.actor()).isEqualTo("ana");
              assertThat(e.changes())
                  .extracting(FieldChange::field)
                  .contains("status", "attempts", "lastError");
            });
  }

  @Test
  void retryingAnEntryThatIsNotDeadOrDoesNotExistIsATypedErrorAndAuditsNothing() {
    OutboxEntry dead = deadPush();
    engine.reviews().retryDelivery(ANA, TENANT, dead.id());
    int rows = f.audit().size();

    assertThatThrownBy(() -> engine.reviews().retryDelivery(ANA, TENANT, dead.id()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("SENT")
        .hasMessageContaining("DEAD");
    assertThatThrownBy(() -> engine.reviews().retryDelivery(ANA, TENANT, "nope"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.reviews().retryDelivery(ANA, "globex", dead.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.reviews().retryDelivery(ANA, TENANT, "bad\u0000id"))
        .isInstanceOf(ValidationException.class);
    assertThat(f.audit()).hasSize(rows);
  }
}
