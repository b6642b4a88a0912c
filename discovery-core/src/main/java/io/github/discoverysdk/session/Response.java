package io.github.discoverysdk.session;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * The response of a session to one question: one per (session, question), upserted. {@link
 * #version()} is 0 for a response never saved; storage increments it on every save and rejects a
 * stale one. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Response {
  String tenant();

  String sessionId();

  String questionId();

  Answer answer();

  /** Who gave the answer last. */
  String answeredBy();

  Instant updatedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("response.tenant", tenant());
    Fields.identifier("response.sessionId", sessionId(), 100);
    Fields.identifier("response.questionId", questionId(), 100);
    Fields.identifier("response.answeredBy", answeredBy(), 200);
    if (version() < 0) {
      throw new ValidationException("response.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Response}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableResponse.Builder {
    @Override
    public Response build() {
      return Fields.build("Response", super::build);
    }
  }
}
