package io.github.discoverysdk.session;

/**
 * Evidence that a discovery session stands behind a match: the competitor term of an opportunity's
 * match was an incumbent vendor the account named in the session. Immutable.
 *
 * @param term the competitor term that matched
 * @param sessionId the session that named it
 * @param accountId the session's account
 * @param accountName the session's account, by name
 * @param questionId the question whose answer named the vendor
 */
public record SessionCitation(
    String term, String sessionId, String accountId, String accountName, String questionId) {
  /** One line for an explanation: {@code "CrowdStrike: incumbent at Acme (session s-1, …)"}. */
  public String explain() {
    return term
        + ": incumbent at "
        + accountName
        + " (discovery session "
        + sessionId
        + ", question "
        + questionId
        + ")";
  }
}
