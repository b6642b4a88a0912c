package io.github.discoverysdk.connectors;

import io.github.discoverysdk.DiscoveryException;

/**
 * A connector needs a library that is an optional dependency of {@code discovery-connectors} and is
 * not on the class path: ROME for RSS and Google News, ical4j for iCalendar feeds and the ICS
 * export, Jakarta Mail with Angus for e-mail. Thrown by the connector's builder, so the host learns
 * at configuration time which artifact to add, instead of a {@link NoClassDefFoundError} in a run.
 */
public final class MissingDependencyException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  private final String artifact;

  MissingDependencyException(String feature, String artifact) {
    super(
        Reason.INTERNAL,
        feature
            + " needs "
            + artifact
            + ", an optional dependency of discovery-connectors: add it to your build");
    this.artifact = artifact;
  }

  /** The missing artifact, as {@code groupId:artifactId}. */
  public String artifact() {
    return artifact;
  }

  /**
   * Fails unless {@code className} can be loaded by the connectors' class loader.
   *
   * @param feature the connector that needs it, for the message
   * @param artifact {@code groupId:artifactId} to add
   * @throws MissingDependencyException when the class is missing
   */
  public static void require(String className, String feature, String artifact) {
    try {
      Class.forName(className, false, MissingDependencyException.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MissingDependencyException(feature, artifact);
    }
  }

  /**
   * Fails unless {@code resource} (an absolute class-path name) can be found by the connectors'
   * class loader: for artifacts that hold data, not classes, such as a model.
   *
   * @param feature the connector that needs it, for the message
   * @param artifact {@code groupId:artifactId} to add
   * @throws MissingDependencyException when the resource is missing
   */
  public static void requireResource(String resource, String feature, String artifact) {
    if (MissingDependencyException.class.getResource(resource) == null) {
      throw new MissingDependencyException(feature, artifact);
    }
  }

  static void requireRome(String feature) {
    require("com.rometools.rome.io.SyndFeedInput", feature, "com.rometools:rome");
  }

  static void requireIcal4j(String feature) {
    require("net.fortuna.ical4j.data.CalendarBuilder", feature, "org.mnode.ical4j:ical4j");
  }
}
