package io.github.discoverysdk.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code discovery.*} properties of the starter. Setters check their value at once, so a bad
 * property fails the application's start with its name and the reason ({@code "Failed to bind
 * properties under 'discovery.scheduler'"}, caused by {@code "discovery.scheduler.tick must be
 * positive, was PT0S"}). Bound once at start; not thread-safe to change afterwards.
 */
@ConfigurationProperties(prefix = "discovery")
public class DiscoveryProperties {
  /** Whether the starter configures anything at all. */
  private boolean enabled = true;

  /** Storage on the application's DataSource. */
  private final Storage storage = new Storage();

  /** The engine's own settings. */
  private final Engine engine = new Engine();

  /** The background scheduler of due runs. */
  private final Scheduler scheduler = new Scheduler();

  /** The Actuator health indicator. */
  private final Health health = new Health();

  /** Sources built from properties (needs discovery-connectors for the HTTP ones). */
  @NestedConfigurationProperty
  private final DiscoverySourceProperties sources = new DiscoverySourceProperties();

  /** CRM sinks built from properties (needs discovery-connectors). */
  @NestedConfigurationProperty
  private final DiscoverySinkProperties sinks = new DiscoverySinkProperties();

  /** Whether the starter configures anything at all; default true. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Turns the whole starter on or off. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Storage settings. */
  public Storage getStorage() {
    return storage;
  }

  /** Engine settings. */
  public Engine getEngine() {
    return engine;
  }

  /** Scheduler settings. */
  public Scheduler getScheduler() {
    return scheduler;
  }

  /** Health indicator settings. */
  public Health getHealth() {
    return health;
  }

  /** Sources from properties. */
  public DiscoverySourceProperties getSources() {
    return sources;
  }

  /** Sinks from properties. */
  public DiscoverySinkProperties getSinks() {
    return sinks;
  }

  /** {@code discovery.storage.*}. */
  public static class Storage {
    /** Whether to apply the SDK's schema migrations to the DataSource on start. */
    private boolean migrate = true;

    /** Whether the schema is migrated on start; default true. */
    public boolean isMigrate() {
      return migrate;
    }

    /** Off when the host applies the SQL files with its own migration tool. */
    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }
  }

  /** {@code discovery.engine.*}. */
  public static class Engine {
    /**
     * Whether the engine's methods without a principal (trusted system calls) are allowed; off by
     * default, so users are served through engine.as(principal).
     */
    private boolean allowSystemCalls;

    /** Threads of the engine's own pool; unset for the engine's default. */
    private Integer threads;

    /** How long closing the engine waits for runs in progress; unset for the engine's default. */
    private Duration closeTimeout;

    /** Whether system calls are allowed; default false. */
    public boolean isAllowSystemCalls() {
      return allowSystemCalls;
    }

    /** Allows trusted system calls (back-office jobs, single-user tools). */
    public void setAllowSystemCalls(boolean allowSystemCalls) {
      this.allowSystemCalls = allowSystemCalls;
    }

    /** The engine's thread count, if set. */
    public Integer getThreads() {
      return threads;
    }

    /**
     * Sets the engine's thread count.
     *
     * @throws IllegalArgumentException if not positive
     */
    public void setThreads(Integer threads) {
      if (threads != null && threads < 1) {
        throw new IllegalArgumentException(
            "discovery.engine.threads must be positive, was " + threads);
      }
      this.threads = threads;
    }

    /** The close timeout, if set. */
    public Duration getCloseTimeout() {
      return closeTimeout;
    }

    /**
     * Sets the close timeout.
     *
     * @throws IllegalArgumentException if not positive
     */
    public void setCloseTimeout(Duration closeTimeout) {
      this.closeTimeout =
          closeTimeout == null ? null : positive("discovery.engine.close-timeout", closeTimeout);
    }
  }

  /** {@code discovery.scheduler.*}. */
  public static class Scheduler {
    /** Whether due runs are started in the background. */
    private boolean enabled = true;

    /** Pause between the end of one round of due runs and the start of the next. */
    private Duration tick = Duration.ofMinutes(1);

    /** How long one round may take before it is interrupted. */
    private Duration runTimeout = Duration.ofMinutes(10);

    /** Whether the scheduler runs; default true. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns the background scheduler on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The pause between rounds; default one minute. */
    public Duration getTick() {
      return tick;
    }

    /**
     * Sets the pause between rounds.
     *
     * @throws IllegalArgumentException if not positive
     */
    public void setTick(Duration tick) {
      this.tick = positive("discovery.scheduler.tick", tick);
    }

    /** A round's timeout; default ten minutes. */
    public Duration getRunTimeout() {
      return runTimeout;
    }

    /**
     * Sets a round's timeout.
     *
     * @throws IllegalArgumentException if not positive
     */
    public void setRunTimeout(Duration runTimeout) {
      this.runTimeout = positive("discovery.scheduler.run-timeout", runTimeout);
    }
  }

  /** {@code discovery.health.*}. */
  public static class Health {
    /** Tenants the health indicator reports on; empty for every tenant that has a profile. */
    private List<String> tenants = new ArrayList<>();

    /** The role of the principal the indicator reads each tenant's health as. */
    private String role = "admin";

    /** At most this many tenants are reported when tenants is empty. */
    private int maxTenants = 50;

    /** The tenants reported on; empty for all. */
    public List<String> getTenants() {
      return tenants;
    }

    /** Sets the tenants reported on. */
    public void setTenants(List<String> tenants) {
      this.tenants = new ArrayList<>(Objects.requireNonNull(tenants, "tenants"));
    }

    /** The role that must grant HEALTH_READ in the engine's access policy; default admin. */
    public String getRole() {
      return role;
    }

    /**
     * Sets the role the indicator uses.
     *
     * @throws IllegalArgumentException if blank
     */
    public void setRole(String role) {
      if (role == null || role.isBlank()) {
        throw new IllegalArgumentException("discovery.health.role must not be blank");
      }
      this.role = role.strip();
    }

    /** The tenant cap; default 50. */
    public int getMaxTenants() {
      return maxTenants;
    }

    /**
     * Sets the tenant cap.
     *
     * @throws IllegalArgumentException if not positive
     */
    public void setMaxTenants(int maxTenants) {
      if (maxTenants < 1) {
        throw new IllegalArgumentException(
            "discovery.health.max-tenants must be positive, was " + maxTenants);
      }
      this.maxTenants = maxTenants;
    }
  }

  static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
