package io.github.discoverysdk.archfixture.rejected;

/** Fixture: a facet added after the rule was written, and named nowhere in it. */
public final class Sessions {
  public String open(String topic) {
    return topic;
  }
}
