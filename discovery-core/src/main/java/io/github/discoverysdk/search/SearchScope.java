package io.github.discoverysdk.search;

import io.github.discoverysdk.model.DiscoveryStyle;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The documents of a tenant a search may return: all of them, or those of the accounts in {@link
 * #accountIds()}. The engine resolves it from the principal's access scope at query time, so that a
 * reassigned account moves at once without re-indexing; an index applies it inside its query, never
 * after it. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface SearchScope {
  /** Every document of the tenant, with or without an account. */
  boolean all();

  /** The accounts whose documents are in scope (ignored when {@link #all()}). */
  Set<String> accountIds();

  /** Every document of the tenant: for readers of the whole tenant and system calls. */
  static SearchScope tenant() {
    return ImmutableSearchScope.builder().all(true).build();
  }

  /** The documents of these accounts only; none if the set is empty. */
  static SearchScope accounts(Set<String> accountIds) {
    return ImmutableSearchScope.builder().all(false).accountIds(accountIds).build();
  }
}
