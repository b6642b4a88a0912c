package io.github.discoverysdk.samples.inbox;

import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo users, for the login page: open without a token, because they are demo users. A real
 * host has a login of its own instead. Thread-safe.
 */
@RestController
public class UsersApi {
  /** A demo user and the token that logs in as it. */
  public record DemoUser(
      String user, String token, Set<String> roles, Set<String> teams, String description) {}

  /** Every demo user. */
  @GetMapping("/api/v1/users")
  public List<DemoUser> users() {
    return DemoUsers.all().stream()
        .map(
            u ->
                new DemoUser(
                    u.principal().user(),
                    u.token(),
                    u.principal().roles(),
                    u.principal().teams(),
                    u.description()))
        .toList();
  }
}
