package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An index of every profile's watchlist companies (names, aliases, domains), competitors, keywords,
 * target titles, industries and regions, that finds in one pass over a signal every profile the
 * signal concerns.
 *
 * <h2>How a signal is matched</h2>
 *
 * Each text field is split into folded words (see {@link Normalizer}); each word is looked up once
 * in the vocabulary of all indexed terms, and a trie over word ids finds every indexed name that
 * starts there. Words the vocabulary does not know are checked for typos through a deletion
 * neighbourhood, adjacent words are joined to catch spacing variants ("Data bricks"), and dotted
 * host names ("careers.stripe.com") are looked up as domains. A name that begins with an article
 * ("The Trade Desk", "Der Spiegel") is also indexed without it, and an article before a structured
 * organisation name is ignored; an article and one word ("The Economist") is, without its article,
 * guarded as a common word is, and an article and a generic word ("The Group") is never reduced.
 * Tickers ({@link Company#tickers()}) are looked up only where the text writes a ticker: after its
 * exchange and a colon ("NYSE: CRM"), as a cashtag ("$CRM") or in capitals after the word "ticker";
 * their matches are of kind {@link MatchKind#TICKER}. Structured organisation and person fields,
 * job titles, industries and regions are looked up by key. No step loops over profiles: the cost
 * grows with the length of the signal and the number of matches, not with the number of profiles.
 *
 * <h2>Confidence</h2>
 *
 * Confidence orders the evidence: a structured organisation field (0.97, 0.93 for an alias) beats
 * the exact name with a legal suffix or a domain (0.9), which beats the exact name in a title
 * (0.85) or text (0.8), which beats an alias (0.7) and a near miss (0.6 to 0.68). A ticker after
 * its exchange counts as a domain does (0.9), a cashtag or a ticker after "ticker" as a name in a
 * title (0.85). Names that are also common words or places (Apple, Square, Target, Shell, Oracle,
 * Zoom, Slack, Visa, Phoenix …) need evidence: a legal suffix, a domain, a structured role, or
 * business words nearby; a capital letter in the middle of a sentence counts for less (0.6), and
 * without any of these, or in lower case, or inside another proper noun ("Times Square"), they are
 * not matched. Every match carries its span, the text it matched and the rule that made it.
 *
 * <h2>Updates and thread safety</h2>
 *
 * {@link #put(Profile)} and {@link #remove(ProfileId)} change one profile's entries in place, in
 * time proportional to that profile's terms. The index is thread-safe: any number of threads may
 * call {@link #match(Signal)} while others update it; a match sees each profile either wholly
 * before or wholly after a concurrent update. Words of removed profiles stay in the vocabulary.
 */
public final class ProfileIndex {
  // The index coordinates its collaborators: TermIndex holds the terms and (un)registers profiles
  // under the write lock; a per-thread Scan goes over a signal under the read lock, NameScorer
  // scores the names it finds (with TextEvidence on the words around them), TitleMatcher matches
  // job titles, and Candidates keeps the best match per profile term and builds the result.

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TermIndex terms = new TermIndex();
  private final ThreadLocal<Scan> scans = ThreadLocal.withInitial(() -> new Scan(terms));

  private ProfileIndex() {}

  /** An index of the enabled profiles among {@code profiles}. */
  public static ProfileIndex of(Collection<Profile> profiles) {
    ProfileIndex index = new ProfileIndex();
    for (Profile p : profiles) {
      index.put(p);
    }
    return index;
  }

  /** An empty index, to be filled with {@link #put(Profile)}. */
  public static ProfileIndex empty() {
    return new ProfileIndex();
  }

  /**
   * Adds a profile, or replaces the profile with the same id: its old terms are removed and its new
   * ones indexed, without rebuilding anything else. A disabled profile is removed. Takes time
   * proportional to the profile's terms (well under a millisecond for a typical profile).
   */
  public void put(Profile profile) {
    lock.writeLock().lock();
    try {
      terms.unregister(profile.id());
      if (profile.enabled()) {
        terms.register(profile);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes a profile's terms; returns whether the index held the profile. Takes time proportional
   * to the profile's terms and to how many other profiles share them.
   */
  public boolean remove(ProfileId id) {
    lock.writeLock().lock();
    try {
      return terms.unregister(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether the index holds the profile (it was put, enabled, and not removed since). */
  public boolean contains(ProfileId id) {
    lock.readLock().lock();
    try {
      return terms.contains(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many profiles the index holds. */
  public int profileCount() {
    lock.readLock().lock();
    try {
      return terms.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Every profile the signal concerns, with the best match per profile term. Profiles whose matches
   * are only industry or region are included too; it is for the caller to require an anchor (see
   * {@link MatchTarget#isAnchor()}) and a minimum confidence.
   */
  public Map<ProfileId, List<Match>> match(Signal signal) {
    Scan scan = scans.get();
    lock.readLock().lock();
    try {
      return scan.run(signal);
    } finally {
      lock.readLock().unlock();
      scan.clear();
    }
  }
}
