package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP against the application on its random port, as a demo user. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final int port;

  ApiClient(int port) {
    this.port = port;
  }

  /** A response: status, content type and body. */
  record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }

    Reply expect(int expected) {
      assertThat(status).as("status of %s: %s", raw.uri(), body).isEqualTo(expected);
      return this;
    }

    /** Asserts an RFC 9457 problem of this status and returns it. */
    JsonNode problem(int expected) {
      expect(expected);
      assertThat(contentType).startsWith("application/problem+json");
      JsonNode p = json();
      assertThat(p.path("status").asInt()).isEqualTo(expected);
      assertThat(p.path("title").asText()).isNotBlank();
      return p;
    }
  }

  Reply get(String user, String path) {
    return send(user, HttpRequest.newBuilder(uri(path)).GET());
  }

  Reply post(String user, String path, Object body) {
    return send(
        user,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  Reply put(String user, String path, Object body) {
    return send(
        user,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String write(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply send(String user, HttpRequest.Builder request) {
    if (user != null) {
      request.header("Authorization", "Bearer " + user + "-token");
    }
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
