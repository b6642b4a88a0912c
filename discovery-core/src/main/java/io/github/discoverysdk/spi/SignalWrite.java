package io.github.discoverysdk.spi;

/** What storing a signal did, judged by its natural key and content hash. */
public enum SignalWrite {
  /** The key was not stored before. */
  NEW,
  /**
   * The key was stored with another content hash, observed no later than this version, which
   * replaced it.
   */
  CHANGED,
  /**
   * The key was stored with the same content hash (only its observation time moved, if later); or
   * this version was observed before the stored one and was not stored: an older version arriving
   * late never replaces a newer one.
   */
  UNCHANGED
}
