package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ReviewFixtures.account;
import static io.github.discoverysdk.testkit.ReviewFixtures.reassigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.AccountStore;
import io.github.discoverysdk.matching.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of accounts(): versioned saves, scoped keyset listing and the lookup
 * by company key.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Accounts} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class AccountStoreSuite extends StoreSuiteSupport {
  AccountStoreSuite() {}

  private AccountStore accounts() {
    return storage().accounts();
  }

  @Test
  void anAccountIsInsertedThenUpdatedFromItsVersionAndAStaleVersionFails() {
    Account saved = accounts().save(account(TENANT_A, "acc-1", "alice", "t1", "Stripe Inc."));

    assertThat(saved.version()).isEqualTo(1);
    assertThat(accounts().find(TENANT_A, "acc-1")).contains(saved);
    Account updated =
        accounts()
            .save(Account.builder().from(saved).name("Renamed").putCrmIds("hubspot", "42").build());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(accounts().find(TENANT_A, "acc-1")).contains(updated);

    assertThatThrownBy(() -> accounts().save(Account.builder().from(saved).name("Stale").build()))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("acc-1")
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> accounts().save(account(TENANT_A, "acc-1", "mallory", null)))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(
            () ->
                accounts()
                    .save(
                        Account.builder()
                            .from(account(TENANT_A, "acc-x", "bob", null))
                            .version(3)
                            .build()))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("does not exist");
    assertThat(accounts().find(TENANT_A, "acc-1")).contains(updated);
    assertThat(accounts().find(TENANT_A, "acc-x")).isEmpty();
  }

  @Test
  void theListIsOrderedByIdPagedAfterAnIdAndFilteredByScopeInTheQuery() {
    accounts().save(account(TENANT_A, "a-3", "alice", "t1"));
    accounts().save(account(TENANT_A, "a-1", "bob", "t1"));
    accounts().save(account(TENANT_A, "a-5", "carol", "t2"));
    accounts().save(account(TENANT_A, "a-2", "alice", null));
    accounts().save(account(TENANT_A, "a-4", "dave", null));

    assertThat(ids(accounts().list(TENANT_A, AccessScope.tenant(), "", 10)))
        .containsExactly("a-1", "a-2", "a-3", "a-4", "a-5");
    assertThat(ids(accounts().list(TENANT_A, AccessScope.tenant(), "", 2)))
        .containsExactly("a-1", "a-2");
    assertThat(ids(accounts().list(TENANT_A, AccessScope.tenant(), "a-2", 2)))
        .containsExactly("a-3", "a-4");
    assertThat(ids(accounts().list(TENANT_A, AccessScope.tenant(), "a-5", 2))).isEmpty();
    assertThat(accounts().list(TENANT_A, AccessScope.tenant(), "", 0)).isEmpty();

    // Own: alice's two, whatever their team; a page of one is the first of them.
    AccessScope alice = AccessScope.of("alice", Set.of());
    assertThat(ids(accounts().list(TENANT_A, alice, "", 10))).containsExactly("a-2", "a-3");
    assertThat(ids(accounts().list(TENANT_A, alice, "", 1))).containsExactly("a-2");
    assertThat(ids(accounts().list(TENANT_A, alice, "a-2", 1))).containsExactly("a-3");
    // Team: erin owns none but manages t1 and t2.
    assertThat(ids(accounts().list(TENANT_A, AccessScope.of("erin", Set.of("t1")), "", 10)))
        .containsExactly("a-1", "a-3");
    assertThat(ids(accounts().list(TENANT_A, AccessScope.of("erin", Set.of("t1", "t2")), "", 10)))
        .containsExactly("a-1", "a-3", "a-5");
    assertThat(ids(accounts().list(TENANT_A, AccessScope.of("dave", Set.of("t2")), "", 10)))
        .containsExactly("a-4", "a-5");
    assertThat(accounts().list(TENANT_A, AccessScope.of("nobody", Set.of("t9")), "", 10)).isEmpty();
    assertThat(accounts().list(TENANT_A, AccessScope.of("Alice", Set.of("T1")), "", 10)).isEmpty();
    assertThatThrownBy(() -> accounts().list(TENANT_A, alice, "", -1))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void reassigningAnAccountMovesItBetweenScopes() {
    Account saved = accounts().save(account(TENANT_A, "a-1", "alice", "t1"));
    accounts().save(reassigned(saved, "bob", "t2"));

    assertThat(accounts().list(TENANT_A, AccessScope.of("alice", Set.of("t1")), "", 10)).isEmpty();
    assertThat(ids(accounts().list(TENANT_A, AccessScope.of("bob", Set.of()), "", 10)))
        .containsExactly("a-1");
    assertThat(ids(accounts().list(TENANT_A, AccessScope.of("carol", Set.of("t2")), "", 10)))
        .containsExactly("a-1");
  }

  @Test
  void companyKeysFindTheirAccountsAndASharedKeyGoesToTheSmallestId() {
    Account stripe = accounts().save(account(TENANT_A, "acc-2", "alice", null, "Stripe, Inc."));
    accounts().save(account(TENANT_A, "acc-3", "bob", null, "Stripe", "Adyen N.V."));
    Account first = accounts().save(account(TENANT_A, "acc-10", "carol", null, "stripe.com"));
    String stripeKey = Normalizer.companyName("Stripe");
    String adyenKey = Normalizer.companyName("Adyen");

    Map<String, Account> found =
        accounts().findByCompanies(TENANT_A, List.of(stripeKey, adyenKey, "unknown company"));

    // "acc-10" < "acc-2" < "acc-3" as the ids compare.
    assertThat(found).containsOnlyKeys(stripeKey, adyenKey);
    assertThat(found.get(stripeKey)).isEqualTo(first);
    assertThat(found.get(adyenKey).id()).isEqualTo("acc-3");
    assertThat(accounts().findByCompanies(TENANT_A, stripe.companyKeys()))
        .containsKey(Normalizer.companyName(stripe.name()));
    assertThat(accounts().findByCompanies(TENANT_A, List.of())).isEmpty();
    assertThat(accounts().findByCompanies(TENANT_A, List.of("Stripe"))).isEmpty();
  }

  @Test
  void anUpdateReplacesTheCompanyKeysOfTheAccount() {
    Account saved = accounts().save(account(TENANT_A, "acc-1", "alice", null, "Stripe"));
    String stripeKey = Normalizer.companyName("Stripe");
    String adyenKey = Normalizer.companyName("Adyen");
    assertThat(accounts().findByCompanies(TENANT_A, List.of(stripeKey))).containsKey(stripeKey);

    Account moved =
        accounts()
            .save(Account.builder().from(saved).companies(List.of("Adyen")).name("Adyen").build());

    assertThat(accounts().findByCompanies(TENANT_A, List.of(stripeKey, adyenKey)))
        .containsExactly(Map.entry(adyenKey, moved));
    // A failed (stale) save changes no key.
    assertThatThrownBy(
            () ->
                accounts().save(Account.builder().from(saved).companies(List.of("Other")).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(accounts().findByCompanies(TENANT_A, List.of(Normalizer.companyName("Other"))))
        .isEmpty();
  }

  @Test
  void aThousandKeysAreLookedUpAtOnce() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < Account.MAX_NAMES; i++) {
      names.add("Company " + i);
    }
    Account a =
        accounts().save(account(TENANT_A, "acc-1", "alice", null, names.toArray(new String[0])));
    List<String> keys = new ArrayList<>(a.companyKeys());
    for (int i = 0; i < 1_000 - a.companyKeys().size(); i++) {
      keys.add("missing " + i);
    }

    Map<String, Account> found = accounts().findByCompanies(TENANT_A, keys);

    assertThat(found).hasSize(a.companyKeys().size());
    assertThat(found.values()).containsOnly(a);
  }

  @Test
  void accountsAreScopedByTenantAndIdsAreComparedExactly() {
    Account a = accounts().save(account(TENANT_A, "acc-1", "alice", "t1", "Stripe"));
    String key = Normalizer.companyName("Stripe");
    for (String other : List.of(TENANT_B, "Tenant-a", "tenant-a.")) {
      assertThat(accounts().find(other, "acc-1")).as(other).isEmpty();
      assertThat(accounts().list(other, AccessScope.tenant(), "", 10)).as(other).isEmpty();
      assertThat(accounts().findByCompanies(other, List.of(key))).as(other).isEmpty();
    }
    assertThatThrownBy(() -> accounts().save(Account.builder().from(a).tenant(TENANT_B).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    Account b = accounts().save(account(TENANT_B, "acc-1", "mallory", "t1", "Stripe"));
    Account upper = accounts().save(account(TENANT_A, "ACC-1", "bob", null));

    assertThat(accounts().find(TENANT_A, "acc-1")).contains(a);
    assertThat(accounts().find(TENANT_A, "ACC-1")).contains(upper);
    assertThat(accounts().find(TENANT_B, "acc-1")).contains(b);
    assertThat(accounts().findByCompanies(TENANT_A, List.of(key))).containsEntry(key, a);
    assertThat(accounts().findByCompanies(TENANT_B, List.of(key))).containsEntry(key, b);
  }

  @Test
  void hostileAccountTextIsStoredAndReadBackVerbatim() {
    String tenant = "t.a_b:c@d-e";
    Account account =
        accounts()
            .save(
                Account.builder()
                    .tenant(tenant)
                    .id("acc'); DELETE FROM discovery_account; --")
                    .name("Robert'); DROP TABLE accounts;-- \ud83d\ude80 \u00c5ngstr\u00f6m")
                    .addDomains("xn--caf-dma.example", "b\u00fccher.example")
                    .owner("a\"lice\\%")
                    .team("team \u2028 'x'")
                    .manager("m\u00e4nager \ud83d\ude00")
                    .tier("enterprise \"gold\"")
                    .putCrmIds("hub\"spot", "{\"id\": [1,2]}")
                    .putCrmIds("sales'force", "0015\u00e9")
                    .addCompanies(
                        "Caf\u00e9 \u00ab Noir \u00bb S.A.", "\u5317\u4eac Ltd", "x".repeat(200))
                    .createdAt(T0.plusNanos(1_000))
                    .updatedAt(T0.plusSeconds(1))
                    .build());

    assertThat(accounts().find(tenant, account.id())).contains(account);
    assertThat(accounts().list(tenant, AccessScope.of("a\"lice\\%", Set.of()), "", 10))
        .containsExactly(account);
    assertThat(accounts().list(tenant, AccessScope.of("nobody", Set.of("team \u2028 'x'")), "", 10))
        .containsExactly(account);
    assertThat(accounts().findByCompanies(tenant, account.companyKeys()).values())
        .containsOnly(account);
    assertThat(accounts().list(TENANT_A, AccessScope.tenant(), "", 10)).isEmpty();
  }

  private static List<String> ids(List<Account> accounts) {
    return accounts.stream().map(Account::id).toList();
  }
}
