package io.github.discoverysdk.connectors.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a long text (a filing, a press release, a crawled page) into chunks an extractor can read,
 * each at most {@link #maxChars()} long, cut at a sentence end where there is one in the chunk's
 * last quarter, else at a space, else (a run without any) at the limit, never inside a surrogate
 * pair. Each chunk knows its offset, so that a span found in a chunk maps back to the original text
 * by adding {@link Chunk#offset()}. Chunks do not overlap: a cut lands between sentences or words,
 * where no mention a rule could find is split.
 *
 * <p>Time is linear in the text's length and memory is one chunk at a time when used through {@link
 * #forEach}. Immutable and thread-safe.
 */
public final class Chunker {
  /** The default chunk length: a few paragraphs. */
  public static final int DEFAULT_MAX_CHARS = 4_000;

  private final int maxChars;

  private Chunker(int maxChars) {
    this.maxChars = maxChars;
  }

  /** Chunks of at most {@link #DEFAULT_MAX_CHARS}. */
  public static Chunker defaults() {
    return new Chunker(DEFAULT_MAX_CHARS);
  }

  /**
   * Chunks of at most {@code maxChars}.
   *
   * @throws IllegalArgumentException when {@code maxChars} is below 16
   */
  public static Chunker of(int maxChars) {
    if (maxChars < 16) {
      throw new IllegalArgumentException("maxChars must be at least 16, was " + maxChars);
    }
    return new Chunker(maxChars);
  }

  /** The longest chunk. */
  public int maxChars() {
    return maxChars;
  }

  /**
   * A piece of a text. {@code text()} is the chunk's content; {@code offset()} is where it starts
   * in the original.
   */
  public record Chunk(String text, int offset) {}

  /** Receives chunks. */
  @FunctionalInterface
  public interface ChunkConsumer {
    /**
     * Takes one chunk; returns {@code false} to stop.
     *
     * @param chunk the next chunk, in text order
     */
    boolean accept(Chunk chunk);
  }

  /** Every chunk of {@code text}, in order. */
  public List<Chunk> chunks(String text) {
    List<Chunk> out = new ArrayList<>();
    forEach(text, out::add);
    return out;
  }

  /** Hands each chunk of {@code text} to {@code consumer} in order, until it returns false. */
  public void forEach(String text, ChunkConsumer consumer) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(consumer, "consumer");
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = cut(text, start);
      if (!consumer.accept(new Chunk(text.substring(start, end), start))) {
        return;
      }
      start = end;
    }
  }

  /** Where the chunk starting at {@code start} ends. */
  int cut(String text, int start) {
    int n = text.length();
    int limit = start + maxChars;
    if (limit >= n) {
      return n;
    }
    int floor = start + maxChars * 3 / 4;
    int space = -1;
    for (int i = limit - 1; i > start; i--) {
      char c = text.charAt(i);
      if (i >= floor && isSentenceEnd(text, i)) {
        return i + 1;
      }
      if (space < 0 && Character.isWhitespace(c)) {
        space = i + 1;
        if (i < floor) {
          break;
        }
      }
      if (i < floor && space >= 0) {
        break;
      }
    }
    if (space > start) {
      return space;
    }
    // One run without a space: cut at the limit, but not between the halves of a surrogate pair.
    return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
  }

  /** A whitespace after a sentence's full stop, question or exclamation mark, or a newline. */
  private static boolean isSentenceEnd(String text, int i) {
    char c = text.charAt(i);
    if (c == '\n') {
      return true;
    }
    if (!Character.isWhitespace(c) || i == 0) {
      return false;
    }
    char p = text.charAt(i - 1);
    return p == '.' || p == '!' || p == '?';
  }
}
