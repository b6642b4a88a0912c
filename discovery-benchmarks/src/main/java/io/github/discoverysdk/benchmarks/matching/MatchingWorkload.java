package io.github.discoverysdk.benchmarks.matching;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated, reproducible matching workload: profiles with 20 watchlist names, 3 competitors and
 * 2 target titles each, drawn from a pool of invented company names of one to three words, and
 * news-like signals of about 3 KB that mention a few of those names among ordinary English words.
 * Names are written exactly (as peers without normalisation can find them), so every peer must find
 * the same profiles. Immutable after construction; thread-safe.
 */
public final class MatchingWorkload {
  private static final String[] SYLLABLES = {
    "vel", "or", "ix", "qua", "ran", "tiv", "zen", "bri", "lum", "cor", "dax", "nov", "pel", "tra",
    "kin", "sol", "mar", "vex", "ter", "ul", "ka", "zo", "ryn", "fal", "quo", "mir", "pax", "jun",
    "hal", "ost", "bel", "gri", "nex", "tal", "wyn", "sif"
  };

  private static final String[] FILLER =
      ("the a of and to in for on with at by from as is was were will has have had that this "
              + "market quarter growth customers product team leaders report said year new plans "
              + "deal shares revenue cloud data platform launch funding round investors region "
              + "sales service support expansion hiring office budget strategy partners users "
              + "software security analysts expected results demand prices supply chain retail "
              + "teams weekly update industry conference speakers agenda session keynote event")
          .split(" ");

  private static final String[] TITLES = {
    "VP Sales", "Chief Revenue Officer", "Head of Revenue Operations", "Director of Marketing",
    "VP Engineering", "Head of Partnerships", "Chief Financial Officer", "Sales Director"
  };

  private final List<Profile> profiles;
  private final List<Signal> signals;
  private final long textBytes;

  /**
   * @param profileCount profiles to generate
   * @param signalCount signals to generate
   * @param namePool distinct company names the profiles draw from
   * @param seed seed of the generator; equal seeds give equal workloads
   */
  public MatchingWorkload(int profileCount, int signalCount, int namePool, long seed) {
    Random random = new Random(seed);
    Set<String> pool = new LinkedHashSet<>();
    while (pool.size() < namePool) {
      int words = random.nextInt(10) < 6 ? 1 : random.nextInt(10) < 7 ? 2 : 3;
      StringBuilder name = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          name.append(' ');
        }
        name.append(word(random, 2 + random.nextInt(2)));
      }
      pool.add(name.toString());
    }
    List<String> names = List.copyOf(pool);
    List<Profile> ps = new ArrayList<>(profileCount);
    for (int p = 0; p < profileCount; p++) {
      Profile.Builder b =
          Profile.builder()
              .tenant("bench")
              .id(ProfileId.of("bench", "p" + p))
              .owner("u" + (p % 100))
              .name("profile " + p);
      Set<String> chosen = new LinkedHashSet<>();
      while (chosen.size() < 23) {
        chosen.add(names.get(random.nextInt(names.size())));
      }
      int i = 0;
      for (String n : chosen) {
        if (i++ < 20) {
          b.addWatchlist(Company.of(n));
        } else {
          b.addCompetitors(n);
        }
      }
      b.addTargetTitles(
          TITLES[random.nextInt(TITLES.length)], TITLES[random.nextInt(TITLES.length)]);
      ps.add(b.build());
    }
    this.profiles = List.copyOf(ps);
    List<Signal> ss = new ArrayList<>(signalCount);
    long bytes = 0;
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    for (int s = 0; s < signalCount; s++) {
      StringBuilder text = new StringBuilder(3_200);
      boolean sentenceStart = true;
      while (text.length() < 3_000) {
        String w;
        if (random.nextInt(60) == 0) {
          w = names.get(random.nextInt(names.size()));
        } else {
          w = FILLER[random.nextInt(FILLER.length)];
          if (sentenceStart) {
            w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
          }
        }
        text.append(w);
        sentenceStart = random.nextInt(12) == 0;
        text.append(sentenceStart ? ". " : " ");
      }
      String title = "Weekly update " + s;
      Signal signal =
          Signal.builder()
              .key(SignalKey.of("bench", "s" + s))
              .type(SignalType.NEWS)
              .title(title)
              .text(text.toString())
              .publishedAt(now)
              .observedAt(now)
              .build();
      bytes += (title + text).getBytes(StandardCharsets.UTF_8).length;
      ss.add(signal);
    }
    this.signals = List.copyOf(ss);
    this.textBytes = bytes;
  }

  private static String word(Random random, int syllables) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }

  public List<Profile> profiles() {
    return profiles;
  }

  public List<Signal> signals() {
    return signals;
  }

  /** Average UTF-8 size of a signal's title and text. */
  public double averageSignalBytes() {
    return textBytes / (double) signals.size();
  }

  /** Every company name (watchlist and competitors) of a profile. */
  static List<String> names(Profile p) {
    List<String> out = new ArrayList<>();
    p.watchlist().forEach(c -> out.add(c.name()));
    out.addAll(p.competitors());
    return out;
  }
}
