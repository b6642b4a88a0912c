package io.github.discoverysdk.deals;

import io.github.discoverysdk.deals.IcpTrait.Kind;
import io.github.discoverysdk.matching.JobTitle;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Profile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link Icp} proposes to change on a discovery profile: industries, regions and target
 * titles the won deals point to and the profile lacks, each with its evidence. Applying it ({@link
 * #applyTo}) returns the profile to save: through the engine, so that its version check and the
 * audit log apply.
 *
 * @param profile the profile compared
 * @param changes what to add, strongest first; empty when the profile already agrees
 */
public record IcpDiff(Profile profile, List<Change> changes) {
  /** A proposed addition to one of the profile's fields. */
  public enum Field {
    INDUSTRIES,
    REGIONS,
    TARGET_TITLES
  }

  /**
   * One proposed change.
   *
   * @param field the profile field
   * @param value the value to add, as the profile would hold it
   * @param trait the ICP trait behind it; its {@link IcpTrait#evidence()} says why
   */
  public record Change(Field field, String value, IcpTrait trait) {
    public Change {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(trait, "trait");
    }

    /** "add industry fintech: 14 of 22 won deals, 3 of 19 lost". */
    public String describe() {
      return "add "
          + field.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " '"
          + value
          + "' ("
          + trait.evidence()
          + ", lift "
          + trait.lift()
          + ")";
    }
  }

  public IcpDiff {
    Objects.requireNonNull(profile, "profile");
    changes = List.copyOf(changes);
  }

  /**
   * The changes {@code icp} proposes for {@code profile}: each industry, region and title trait the
   * profile does not hold already (compared folded, titles after normalisation).
   */
  public static IcpDiff between(Icp icp, Profile profile) {
    Objects.requireNonNull(icp, "icp");
    Objects.requireNonNull(profile, "profile");
    Set<String> industries = folded(profile.industries());
    Set<String> regions = folded(profile.regions());
    Set<String> titles = new LinkedHashSet<>();
    profile.targetTitles().forEach(t -> titles.add(JobTitle.parse(t).normalized()));
    List<Change> changes = new ArrayList<>();
    for (IcpTrait t : icp.traits()) {
      if (t.kind() == Kind.INDUSTRY && !industries.contains(t.value())) {
        changes.add(new Change(Field.INDUSTRIES, t.value(), t));
      } else if (t.kind() == Kind.REGION && !regions.contains(t.value())) {
        changes.add(new Change(Field.REGIONS, t.value(), t));
      } else if (t.kind() == Kind.TITLE && !titles.contains(t.value())) {
        changes.add(new Change(Field.TARGET_TITLES, t.example(), t));
      }
    }
    return new IcpDiff(profile, changes);
  }

  /** The profile with every change applied (same id and version: save it to apply). */
  public Profile applyTo() {
    Profile.Builder b = Profile.builder();
    b.from(profile);
    for (Change c : changes) {
      switch (c.field()) {
        case INDUSTRIES -> b.addIndustries(c.value());
        case REGIONS -> b.addRegions(c.value());
        case TARGET_TITLES -> b.addTargetTitles(c.value());
      }
    }
    return b.build();
  }

  private static Set<String> folded(Set<String> values) {
    Set<String> out = new LinkedHashSet<>();
    values.forEach(v -> out.add(Normalizer.phrase(v)));
    return out;
  }
}
