package io.github.discoverysdk.samples.leadqueue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The call centre's operational database, as its application writes it: users (unsigned or signed),
 * their claims and the claims' requirements (outstanding or approved), each row stamped with {@code
 * created_at} and {@code updated_at} in UTC. A seeded generator makes users sign and requirements
 * get approved over simulated hours, and counts the conversions it made, so that the sample can
 * show that the engine found every one. Not thread-safe.
 */
final class SystemOfRecord {
  static final String[] AGENTS = {"ana", "ben", "chloe", "dev"};

  private final DataSource replica;
  private final Random random;
  private final String timestamp;
  private long nextUser = 1;
  private long nextClaim = 1;
  private long nextRequirement = 1;

  /** Users by id: created at, signed. */
  private final List<long[]> users = new ArrayList<>();

  /** Requirements by id: created at (epoch second), approved (0/1). */
  private final List<long[]> requirements = new ArrayList<>();

  private long signings;
  private long approvals;

  SystemOfRecord(DataSource replica, boolean mariaDb, long seed) {
    this.replica = replica;
    this.random = new Random(seed);
    this.timestamp = mariaDb ? "DATETIME(6)" : "TIMESTAMP(6)";
  }

  /** Drops and creates the three tables: the sample owns its demo database. */
  void create() throws SQLException {
    try (Connection c = replica.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS claim_requirements");
      s.execute("DROP TABLE IF EXISTS claims");
      s.execute("DROP TABLE IF EXISTS users");
      s.execute(
          "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
              + " status VARCHAR(20) NOT NULL, agent VARCHAR(50) NOT NULL, last_called_at "
              + timestamp
              + " NULL, created_at "
              + timestamp
              + " NOT NULL, updated_at "
              + timestamp
              + " NOT NULL)");
      s.execute("CREATE INDEX users_updated ON users (updated_at, id)");
      s.execute("CREATE INDEX users_created ON users (created_at, id)");
      s.execute(
          "CREATE TABLE claims (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, created_at "
              + timestamp
              + " NOT NULL, updated_at "
              + timestamp
              + " NOT NULL)");
      s.execute(
          "CREATE TABLE claim_requirements (id BIGINT PRIMARY KEY, claim_id BIGINT NOT NULL,"
              + " kind VARCHAR(50) NOT NULL, status VARCHAR(20) NOT NULL, created_at "
              + timestamp
              + " NOT NULL, updated_at "
              + timestamp
              + " NOT NULL)");
      s.execute("CREATE INDEX requirements_updated ON claim_requirements (updated_at, id)");
      s.execute("CREATE INDEX requirements_created ON claim_requirements (created_at, id)");
    }
  }

  /** The users there were before the engine started, created over the day before {@code at}. */
  void seed(int count, Instant at) throws SQLException {
    try (Connection c = replica.getConnection()) {
      for (int i = 0; i < count; i++) {
        Instant created = at.minus(Duration.ofSeconds(1 + random.nextInt(86_400)));
        boolean signed = random.nextInt(10) < 3;
        addUser(c, created, signed);
      }
    }
  }

  private void addUser(Connection c, Instant at, boolean signed) throws SQLException {
    long id = nextUser++;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO users (id, name, status, agent, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, "User " + id);
      ps.setString(3, signed ? "signed" : "unsigned");
      ps.setString(4, AGENTS[(int) (id % AGENTS.length)]);
      ps.setObject(5, utc(at));
      ps.setObject(6, utc(at));
      ps.executeUpdate();
    }
    users.add(new long[] {at.getEpochSecond(), signed ? 1 : 0});
    if (signed) {
      addClaim(c, id, at);
    }
  }

  private void addClaim(Connection c, long user, Instant at) throws SQLException {
    long claim = nextClaim++;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO claims (id, user_id, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, claim);
      ps.setLong(2, user);
      ps.setObject(3, utc(at));
      ps.setObject(4, utc(at));
      ps.executeUpdate();
    }
    for (String kind : new String[] {"id-document", "signature"}) {
      long id = nextRequirement++;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO claim_requirements (id, claim_id, kind, status, created_at, updated_at)"
                  + " VALUES (?, ?, ?, 'outstanding', ?, ?)")) {
        ps.setLong(1, id);
        ps.setLong(2, claim);
        ps.setString(3, kind);
        ps.setObject(4, utc(at));
        ps.setObject(5, utc(at));
        ps.executeUpdate();
      }
      requirements.add(new long[] {at.getEpochSecond(), 0});
    }
  }

  /** One change the application makes at a time within the hour. */
  record Event(Instant at, int kind, long id) {}

  /**
   * The changes of the hour starting at {@code hour}, in time order, applied up to (excluding)
   * {@code until} when called per quarter: see {@link #eventsOf} and {@link #apply}.
   */
  List<Event> eventsOf(Instant hour, int newUsersPerHour) {
    List<Event> events = new ArrayList<>();
    long settled = hour.minus(Duration.ofHours(1)).getEpochSecond();
    for (int i = 0; i < newUsersPerHour; i++) {
      events.add(new Event(minute(hour), 0, 0));
    }
    // Users and requirements that existed an hour before: their changes are the ones a run of
    // the engine must catch (a record born and changed between two runs is first seen changed).
    for (int i = 0; i < users.size(); i++) {
      long[] u = users.get(i);
      if (u[1] == 0 && u[0] < settled && random.nextInt(100) < 2) {
        events.add(new Event(minute(hour), 1, i + 1));
      } else if (random.nextInt(100) < 3) {
        events.add(new Event(minute(hour), 3, i + 1));
      }
    }
    for (int i = 0; i < requirements.size(); i++) {
      long[] r = requirements.get(i);
      if (r[1] == 0 && r[0] < settled && random.nextInt(100) < 5) {
        events.add(new Event(minute(hour), 2, i + 1));
      }
    }
    events.sort(Comparator.comparing(Event::at));
    return events;
  }

  private Instant minute(Instant hour) {
    return hour.plusMillis(random.nextInt(3_600_000));
  }

  /** Applies the events before {@code until} and removes them from the list. */
  void apply(List<Event> events, Instant until) throws SQLException {
    try (Connection c = replica.getConnection()) {
      while (!events.isEmpty() && events.get(0).at().isBefore(until)) {
        Event e = events.remove(0);
        switch (e.kind()) {
          case 0 -> addUser(c, e.at(), false);
          case 1 -> {
            update(c, "UPDATE users SET status = 'signed', updated_at = ? WHERE id = ?", e);
            users.get((int) e.id() - 1)[1] = 1;
            signings++;
            addClaim(c, e.id(), e.at());
          }
          case 2 -> {
            update(
                c,
                "UPDATE claim_requirements SET status = 'approved', updated_at = ? WHERE id = ?",
                e);
            requirements.get((int) e.id() - 1)[1] = 1;
            approvals++;
          }
          default ->
              update(c, "UPDATE users SET last_called_at = ?, updated_at = ? WHERE id = ?", e);
        }
      }
    }
  }

  private static void update(Connection c, String sql, Event e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, utc(e.at()));
      if (sql.startsWith("UPDATE users SET last_called_at")) {
        ps.setObject(i++, utc(e.at()));
      }
      ps.setLong(i, e.id());
      ps.executeUpdate();
    }
  }

  private static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  /** Users who signed, as the generator made them sign. */
  long signings() {
    return signings;
  }

  /** Requirements approved. */
  long approvals() {
    return approvals;
  }

  int userCount() {
    return users.size();
  }
}
