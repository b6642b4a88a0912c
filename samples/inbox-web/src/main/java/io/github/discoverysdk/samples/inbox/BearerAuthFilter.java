package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.access.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} requests by a bearer token ({@code Authorization: Bearer ...}) or,
 * for the pages, the {@code inbox_token} cookie that the login page sets; stores the {@link
 * Principal} as the request attribute {@link #PRINCIPAL}. Answers 401 as problem+json otherwise.
 * {@code /api/v1/users} (the login page's list) is open. Thread-safe.
 */
@Component
public class BearerAuthFilter extends OncePerRequestFilter {
  /** The request attribute holding the caller's {@link Principal}. */
  public static final String PRINCIPAL = "inbox.principal";

  /** The cookie the login page sets. */
  public static final String COOKIE = "inbox_token";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !path.startsWith("/api/") || path.equals("/api/v1/users");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<DemoUsers.User> user = token(request).flatMap(DemoUsers::byToken);
    if (user.isEmpty()) {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader("WWW-Authenticate", "Bearer realm=\"inbox\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                  + "\"detail\":\"Send Authorization: Bearer <token> of a demo user\"}");
      return;
    }
    request.setAttribute(PRINCIPAL, user.get().principal());
    chain.doFilter(request, response);
  }

  private static Optional<String> token(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(header.substring(7).trim());
    }
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    return Arrays.stream(cookies)
        .filter(c -> c.getName().equals(COOKIE))
        .map(Cookie::getValue)
        .findFirst();
  }
}
