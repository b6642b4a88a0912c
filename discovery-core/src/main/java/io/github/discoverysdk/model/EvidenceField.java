package io.github.discoverysdk.model;

/** Where in a signal the evidence of a match was found. */
public enum EvidenceField {
  TITLE,
  TEXT,
  URL,
  /** A structured organisation mention, see {@link Signal#organizations()}. */
  ORGANIZATION,
  /** A structured person mention (title or employer), see {@link Signal#people()}. */
  PERSON,
  INDUSTRY,
  REGION
}
