package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.reconcile.Finding;
import io.github.discoverysdk.reconcile.FindingSink;
import java.util.Objects;

/**
 * Posts the reconciliation job's findings to a Slack incoming webhook, through a {@link
 * SlackWebhookSink} (its URL secrecy, SSRF guard, rate limit and error classification):
 *
 * <pre>{@code
 * FindingSink ops = SlackFindingSink.of(SlackWebhookSink.builder().id("ops-slack")
 *     .webhookUrl(Secret.of(System.getenv("OPS_SLACK_WEBHOOK_URL"))).http(http).build());
 * DiscoveryEngine.builder().addFindingSink(ops);
 * }</pre>
 *
 * <p>The message names the finding's kind, tenant, subject, start and key; failures are {@link
 * DeliveryException}s, permanent when Slack refuses the message for good. Immutable and
 * thread-safe.
 */
public final class SlackFindingSink implements FindingSink {
  private final SlackWebhookSink slack;

  private SlackFindingSink(SlackWebhookSink slack) {
    this.slack = slack;
  }

  /** A finding sink posting through {@code slack}, under its id. */
  public static SlackFindingSink of(SlackWebhookSink slack) {
    return new SlackFindingSink(Objects.requireNonNull(slack, "slack"));
  }

  @Override
  public String id() {
    return slack.id();
  }

  /**
   * Posts the finding.
   *
   * @throws DeliveryException typed by what failed; permanent when retrying cannot help
   */
  @Override
  public void send(Finding finding) throws DeliveryException, InterruptedException {
    Objects.requireNonNull(finding, "finding");
    SinkSupport.delivering(id(), () -> slack.post(finding.tenant(), payload(finding)));
  }

  /** The message: one line of text, and the same as a Block Kit section. */
  static ObjectNode payload(Finding f) {
    String text =
        SlackWebhookSink.escape(
            SinkSupport.truncate(
                "Reconciliation finding "
                    + f.kind().tag()
                    + " in tenant "
                    + f.tenant()
                    + ": "
                    + f.subject()
                    + ", since "
                    + f.since()
                    + " ("
                    + f.detail()
                    + ")",
                2900));
    ObjectNode root = SinkSupport.JSON.createObjectNode();
    root.put("text", text);
    ObjectNode section = root.putArray("blocks").addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", text);
    root.putObject("metadata")
        .put("event_type", "discovery_finding")
        .putObject("event_payload")
        .put("key", f.key());
    return root;
  }

  @Override
  public String toString() {
    return "SlackFindingSink[" + slack + "]";
  }
}
