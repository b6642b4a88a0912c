package io.github.discoverysdk.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of a text that content hashes, key columns, sink deduplication keys and
 * pseudonyms share, so that a storage or a sink computes the same value as the model. Stateless and
 * thread-safe.
 */
public final class Hashing {
  private Hashing() {}

  /** SHA-256 of the UTF-8 bytes of {@code text}, as 64 lower-case hex digits. */
  public static String sha256Hex(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
