package io.github.discoverysdk.playbook;

/** How an account manager reaches out; each playbook has a template for each. */
public enum Channel {
  EMAIL,
  LINKEDIN,
  /** A phone call: the template is the opener. */
  CALL
}
