package io.github.discoverysdk.matching;

/**
 * A node of the {@link ProfileIndex}'s trie over word ids: its {@link Bucket} rows are the entries
 * of the name spelt by the words from the root to it.
 */
final class TrieNode extends Bucket {
  final TrieNode parent;
  final int word;
  IntMap<TrieNode> children;

  TrieNode(TrieNode parent, int word) {
    this.parent = parent;
    this.word = word;
  }

  TrieNode child(int w) {
    return children == null ? null : children.get(w);
  }
}
