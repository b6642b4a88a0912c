package io.github.discoverysdk.model;

/** Why a user dismissed an opportunity; feedback learning uses it. */
public enum DismissReason {
  NOT_RELEVANT,
  WRONG_COMPANY,
  WRONG_INDUSTRY,
  TOO_LATE,
  ALREADY_KNOWN,
  OTHER
}
