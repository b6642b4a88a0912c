package io.github.discoverysdk.audit;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the host knows about the request behind an action, kept with its audit entries: the client's
 * IP address, its user agent and the host's request id. The SDK stores them as given and never
 * interprets them. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface RequestContext {
  Optional<String> ip();

  Optional<String> userAgent();

  Optional<String> requestId();

  @Value.Check
  default void check() {
    ip().ifPresent(v -> Fields.identifier("context.ip", v, 64));
    userAgent().ifPresent(v -> Fields.text("context.userAgent", v, 500));
    requestId().ifPresent(v -> Fields.identifier("context.requestId", v, 200));
  }

  /** No context: calls from the host's own jobs. */
  static RequestContext none() {
    return ImmutableRequestContext.builder().build();
  }

  /** A context; empty or null values are left out. */
  static RequestContext of(String ip, String userAgent, String requestId) {
    return Fields.build(
        "RequestContext",
        () ->
            ImmutableRequestContext.builder()
                .ip(Optional.ofNullable(ip).filter(s -> !s.isEmpty()))
                .userAgent(Optional.ofNullable(userAgent).filter(s -> !s.isEmpty()))
                .requestId(Optional.ofNullable(requestId).filter(s -> !s.isEmpty()))
                .build());
  }
}
