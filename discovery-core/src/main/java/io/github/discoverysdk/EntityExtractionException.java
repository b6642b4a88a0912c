package io.github.discoverysdk;

/**
 * An {@link io.github.discoverysdk.spi.EntityExtractor} could not answer for a reason outside the
 * text: a remote extractor without credentials for the tenant, unreachable, rate limited, timed
 * out, or answering something that is not the promised shape. {@link
 * io.github.discoverysdk.spi.EntityExtractor#withFallback} answers with its fallback instead. The
 * message names the extractor and the reason and never quotes the text, so that it may be logged.
 * Reason {@link DiscoveryException.Reason#SOURCE}.
 */
public class EntityExtractionException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with a message that does not quote the text.
   *
   * @param message the extractor's id and what failed
   */
  public EntityExtractionException(String message) {
    super(Reason.SOURCE, message);
  }
}
