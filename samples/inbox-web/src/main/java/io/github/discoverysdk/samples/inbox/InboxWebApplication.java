package io.github.discoverysdk.samples.inbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the web inbox on http://localhost:8080. */
@SpringBootApplication
public class InboxWebApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(InboxWebApplication.class, args);
  }
}
