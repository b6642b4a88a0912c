package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A stateful CRM behind WireMock: an {@link Api} keeps records the way the real service does, and
 * the fake can fail a write <em>after</em> it was applied (a 500 or a connection reset in place of
 * the answer), the failure that makes naive clients create duplicates. Thread-safe (one lock).
 */
final class FakeCrm implements ResponseDefinitionTransformerV2 {
  /** An answer of the fake service. */
  record Reply(int status, String body, Map<String, String> headers) {
    Reply(int status, String body) {
      this(status, body, Map.of());
    }
  }

  /** A parsed request. */
  record Call(
      String method, List<String> path, Map<String, String> query, JsonNode body, Request raw) {
    String header(String name) {
      return raw.getHeader(name);
    }
  }

  /** The service's behaviour. */
  interface Api {
    Reply handle(Call call);
  }

  private final Api api;
  private final Random random = new Random(20260908L);
  private final Deque<Reply> forced = new ArrayDeque<>();
  private double failureRate;
  private int injected;
  private int requests;

  FakeCrm(Api api) {
    this.api = api;
  }

  /** Fails this share of successful writes after applying them. */
  synchronized void failAfterWrite(double rate) {
    this.failureRate = rate;
  }

  /** Answers the next request with {@code reply}, without applying it. */
  synchronized void force(Reply reply) {
    forced.add(reply);
  }

  synchronized int injected() {
    return injected;
  }

  synchronized int requests() {
    return requests;
  }

  @Override
  public String getName() {
    return "fake-crm";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request r = event.getRequest();
    synchronized (this) {
      requests++;
      Reply reply = forced.poll();
      if (reply == null) {
        reply = api.handle(parse(r));
        boolean write = !r.getMethod().getName().equals("GET");
        if (write && reply.status() < 300 && random.nextDouble() < failureRate) {
          injected++;
          if (random.nextBoolean()) {
            return responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
          }
          return responseDefinition().withStatus(500).withBody("{\"error\":\"boom\"}").build();
        }
      }
      var b =
          responseDefinition()
              .withStatus(reply.status())
              .withHeader("Content-Type", "application/json");
      reply.headers().forEach(b::withHeader);
      if (reply.body() != null) {
        b.withBody(reply.body());
      }
      return b.build();
    }
  }

  private static Call parse(Request r) {
    URI u = URI.create(r.getUrl());
    List<String> path = new ArrayList<>();
    for (String s : u.getRawPath().split("/")) {
      if (!s.isEmpty()) {
        path.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (u.getRawQuery() != null) {
      for (String pair : u.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    JsonNode body = null;
    try {
      String text = r.getBodyAsString();
      body = text == null || text.isBlank() ? null : SinkSupport.JSON.readTree(text);
    } catch (Exception e) {
      body = null;
    }
    return new Call(r.getMethod().getName(), path, query, body, r);
  }

  static ObjectNode object() {
    return SinkSupport.JSON.createObjectNode();
  }

  static String json(Object node) {
    return SinkSupport.write(node);
  }
}
