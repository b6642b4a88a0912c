package io.github.discoverysdk.spi;

/** What storing a signal did, judged by its natural key and content hash. */
public enum SignalWrite {
  /** The key was not stored before. */
  NEW,
  /** The key was stored with another content hash; the new version replaced it. */
  CHANGED,
  /** The key was stored with the same content hash; only its observation time moved. */
  UNCHANGED
}
