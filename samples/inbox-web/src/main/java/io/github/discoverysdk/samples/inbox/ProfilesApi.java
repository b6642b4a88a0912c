package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.samples.inbox.RunsApi.RunView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Discovery profiles: the wizard's target, and a run of one profile. Thread-safe. */
@RestController
@RequestMapping("/api/v1/profiles")
public class ProfilesApi {
  /** A company of a watchlist. */
  public record CompanyView(@NotBlank @Size(max = 200) String name, List<String> domains) {}

  /**
   * A profile as the wizard sends it (the six steps: basics, industries and regions, titles,
   * watchlist, competitors and keywords, frequency). {@code owner} defaults to the caller; {@code
   * version} is 0 for a new profile.
   */
  public record ProfileView(
      @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String id,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String owner,
      @Size(max = 50) Set<String> industries,
      @Size(max = 50) Set<String> regions,
      @Size(max = 50) Set<String> targetTitles,
      @Size(max = 200) List<@Valid CompanyView> watchlist,
      @Size(max = 50) Set<String> competitors,
      @Size(max = 50) Set<String> keywords,
      Set<SignalType> signalTypes,
      Frequency frequency,
      Instant updatedAt,
      @PositiveOrZero Long version) {
    static ProfileView of(Profile p) {
      return new ProfileView(
          p.id().value(),
          p.name(),
          p.owner(),
          p.industries(),
          p.regions(),
          p.targetTitles(),
          p.watchlist().stream()
              .map(c -> new CompanyView(c.name(), c.domains().stream().sorted().toList()))
              .toList(),
          p.competitors(),
          p.keywords(),
          p.signalTypes(),
          p.frequency(),
          p.updatedAt().orElse(null),
          p.version());
    }

    Profile toProfile(String tenant, String caller) {
      Profile.Builder b =
          Profile.builder()
              .tenant(tenant)
              .id(ProfileId.of(tenant, id))
              .name(name)
              .owner(owner == null || owner.isBlank() ? caller : owner)
              .frequency(frequency == null ? Frequency.DAILY : frequency)
              .version(version == null ? 0 : version);
      if (industries != null) {
        b.addAllIndustries(industries);
      }
      if (regions != null) {
        b.addAllRegions(regions);
      }
      if (targetTitles != null) {
        b.addAllTargetTitles(targetTitles);
      }
      if (watchlist != null) {
        for (CompanyView c : watchlist) {
          b.addWatchlist(
              Company.of(
                  c.name(),
                  (c.domains() == null ? List.<String>of() : c.domains()).toArray(String[]::new)));
        }
      }
      if (competitors != null) {
        b.addAllCompetitors(competitors);
      }
      if (keywords != null) {
        b.addAllKeywords(keywords);
      }
      if (signalTypes != null) {
        b.addAllSignalTypes(signalTypes);
      }
      return b.build();
    }
  }

  /** The profiles the caller may see. */
  @GetMapping
  public List<ProfileView> list(SecuredEngine engine) {
    return engine.listProfiles().stream().map(ProfileView::of).toList();
  }

  /** One profile. */
  @GetMapping("/{id}")
  public ProfileView find(SecuredEngine engine, @PathVariable String id) {
    return ProfileView.of(
        engine
            .findProfile(ProfileId.of(engine.principal().tenant(), id))
            .orElseThrow(() -> new NotFoundException("no profile " + id)));
  }

  /** Creates a profile (version 0) and answers 201. */
  @PostMapping
  public ResponseEntity<ProfileView> create(
      SecuredEngine engine, @Valid @RequestBody ProfileView body) {
    Profile saved =
        engine.saveProfile(body.toProfile(engine.principal().tenant(), engine.principal().user()));
    return ResponseEntity.status(HttpStatus.CREATED).body(ProfileView.of(saved));
  }

  /** Updates a profile from the version the caller saw (409 when stale). */
  @PutMapping("/{id}")
  public ProfileView update(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody ProfileView body) {
    if (!body.id().equals(id)) {
      throw new IllegalArgumentException("id in the body must be " + id + ", was " + body.id());
    }
    return ProfileView.of(
        engine.saveProfile(body.toProfile(engine.principal().tenant(), engine.principal().user())));
  }

  /** Deletes a profile. */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(SecuredEngine engine, @PathVariable String id) {
    boolean deleted = engine.deleteProfile(ProfileId.of(engine.principal().tenant(), id));
    if (!deleted) {
      throw new NotFoundException("no profile " + id);
    }
    return ResponseEntity.noContent().build();
  }

  /** Runs discovery for one profile now (a warm start for a new profile). */
  @PostMapping("/{id}/discover")
  public RunView discover(SecuredEngine engine, @PathVariable String id) {
    return RunView.of(engine.discover(ProfileId.of(engine.principal().tenant(), id)));
  }
}
