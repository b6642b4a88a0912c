package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.AccountStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@link AccountStore} in SQL: {@code discovery_account}, and its company keys in {@code
 * discovery_account_company}, one row per (key hash, account), rewritten with the account on every
 * save. Thread-safe when its {@link Access} is.
 */
final class SqlAccountStore implements AccountStore {
  static final String COLUMNS =
      "tenant, id, name, domains, owner, team, manager, tier, crm_ids, companies, created_at,"
          + " updated_at, version";

  private static final String INSERT_KEY =
      "INSERT INTO discovery_account_company (tenant, key_sha, account_id, company_key)"
          + " VALUES (?, ?, ?, ?)";

  private final Sql db;

  SqlAccountStore(Sql sql) {
    this.db = sql;
  }

  /** {@link #COLUMNS} of the table aliased {@code alias} ("a."). */
  static String columns(String alias) {
    StringJoiner j = new StringJoiner(", ");
    Sql.split(COLUMNS).forEach(c -> j.add(alias + c));
    return j.toString();
  }

  private Account account(ResultSet rs) throws SQLException {
    return Account.builder()
        .tenant(rs.getString("tenant"))
        .id(rs.getString("id"))
        .name(rs.getString("name"))
        .domains(Json.readStrings(rs.getString("domains")))
        .owner(rs.getString("owner"))
        .team(Optional.ofNullable(rs.getString("team")))
        .manager(Optional.ofNullable(rs.getString("manager")))
        .tier(rs.getString("tier"))
        .crmIds(Json.readStringMap(rs.getString("crm_ids")))
        .companies(Json.readStrings(rs.getString("companies")))
        .createdAt(db.getInstant(rs, "created_at"))
        .updatedAt(db.getInstant(rs, "updated_at"))
        .version(rs.getLong("version"))
        .build();
  }

  /**
   * The account row from its version ({@link Sql#saveVersioned}), then its company keys: the old
   * ones deleted (on an update) and the new ones inserted as one JDBC batch. Atomic.
   */
  @Override
  public Account save(Account account) {
    Objects.requireNonNull(account, "account");
    Account saved =
        Account.builder()
            .from(account)
            .createdAt(Sql.micros(account.createdAt()))
            .updatedAt(Sql.micros(account.updatedAt()))
            .version(account.version() + 1)
            .build();
    String what = "account " + account.id() + " of tenant " + account.tenant();
    return db.access()
        .atomic(
            "save " + what,
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_account",
                  COLUMNS,
                  new String[] {account.tenant(), account.id()},
                  (ps, i) -> {
                    ps.setString(i++, saved.name());
                    ps.setString(i++, Json.stringSet(saved.domains()));
                    ps.setString(i++, saved.owner());
                    ps.setString(i++, saved.team().orElse(null));
                    ps.setString(i++, saved.manager().orElse(null));
                    ps.setString(i++, saved.tier());
                    ps.setString(i++, Json.stringMap(saved.crmIds()));
                    ps.setString(i++, Json.stringSet(saved.companies()));
                    db.setInstant(ps, i++, saved.createdAt());
                    db.setInstant(ps, i++, saved.updatedAt());
                    return i;
                  },
                  account.version(),
                  what,
                  "account",
                  account.id());
              writeKeys(c, saved);
              return saved;
            });
  }

  private static void writeKeys(Connection c, Account account) throws SQLException {
    if (account.version() > 1) {
      Sql.update(
          c,
          "DELETE FROM discovery_account_company WHERE tenant = ? AND account_id = ?",
          account.tenant(),
          account.id());
    }
    if (account.companyKeys().isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_KEY)) {
      for (String key : account.companyKeys()) {
        Sql.bindStrings(ps, account.tenant(), Sql.sha(key), account.id(), key);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public Optional<Account> find(String tenant, String accountId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    return db.access()
        .run(
            "find account " + accountId + " of tenant " + tenant,
            c ->
                Sql.one(
                    c,
                    "SELECT " + COLUMNS + " FROM discovery_account WHERE tenant = ? AND id = ?",
                    this::account,
                    tenant,
                    accountId));
  }

  @Override
  public List<Account> list(String tenant, AccessScope scope, String afterId, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(afterId, "afterId");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    SqlScope where = SqlScope.of(scope, "");
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM discovery_account WHERE tenant = ? AND id > ?"
            + where.condition()
            + " ORDER BY id"
            + Sql.limitClause();
    return db.access()
        .run(
            "list the accounts of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                ps.setString(2, afterId);
                ps.setInt(where.bind(ps, 3), limit);
                return Sql.all(ps, this::account);
              }
            });
  }

  /**
   * One query: the key rows of the wanted hashes joined to their accounts, smallest account id
   * first, so that the first account read for a key is the one that wins it. PostgreSQL takes the
   * hashes as one array parameter ({@code = ANY(?)}), the others as one {@code IN} list.
   */
  @Override
  public Map<String, Account> findByCompanies(String tenant, Collection<String> companyKeys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(companyKeys, "companyKeys");
    Map<String, String> keyBySha = new LinkedHashMap<>();
    for (String key : companyKeys) {
      Objects.requireNonNull(key, "companyKeys must not contain null");
      keyBySha.put(Sql.sha(key), key);
    }
    if (keyBySha.isEmpty()) {
      return Map.of();
    }
    List<String> shas = List.copyOf(keyBySha.keySet());
    String sql =
        "SELECT k.key_sha, "
            + columns("a.")
            + " FROM discovery_account_company k JOIN discovery_account a"
            + " ON a.tenant = k.tenant AND a.id = k.account_id WHERE k.tenant = ? AND "
            + SqlKeys.in(db.dialect(), "k.key_sha", shas.size())
            + " ORDER BY a.id";
    return db.access()
        .run(
            "find the accounts of " + shas.size() + " companies of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                SqlKeys.bind(c, ps, 2, db.dialect(), shas);
                Map<String, Account> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    String key = keyBySha.get(rs.getString(1));
                    if (key != null && !found.containsKey(key)) {
                      found.put(key, account(rs));
                    }
                  }
                }
                return Map.copyOf(found);
              }
            });
  }
}
