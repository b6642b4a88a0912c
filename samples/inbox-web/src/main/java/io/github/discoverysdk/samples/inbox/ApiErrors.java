package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.AccessDeniedException;
import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.IllegalTransitionException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps the SDK's typed errors to RFC 9457 problem details ({@code application/problem+json}):
 * {@link ValidationException} 400, {@link AccessDeniedException} 403, {@link NotFoundException}
 * 404, {@link ConcurrentUpdateException} and {@link IllegalTransitionException} 409. Spring's own
 * errors (bad parameters, failed bean validation) are problem details too, through the base class.
 * Thread-safe.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  private static final String TYPES = "https://discoverysdk.github.io/problems/";

  /** A stale version, or a transition that the entity's state does not allow: 409. */
  @ExceptionHandler({ConcurrentUpdateException.class, IllegalTransitionException.class})
  ProblemDetail conflict(DiscoveryException e) {
    return problem(HttpStatus.CONFLICT, "conflict", e);
  }

  /** Bad input: 400. */
  @ExceptionHandler({ValidationException.class, IllegalArgumentException.class})
  ProblemDetail invalid(RuntimeException e) {
    return problem(HttpStatus.BAD_REQUEST, "validation", e);
  }

  /** The principal may not do this: 403. */
  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail denied(AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "access-denied", e);
  }

  /** No such entity (in the caller's tenant): 404. */
  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", e);
  }

  /** Anything else from the SDK (storage, sources): 500, logged once, message kept short. */
  @ExceptionHandler(DiscoveryException.class)
  ProblemDetail failed(DiscoveryException e) {
    LOG.error("Request failed", e);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "The engine could not complete the request");
    p.setType(URI.create(TYPES + "engine"));
    return p;
  }

  /** A request body that fails bean validation: 400 naming each bad field. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        ex.getBindingResult().getAllErrors().stream()
            .map(
                e ->
                    (e instanceof FieldError f ? f.getField() : e.getObjectName())
                        + ": "
                        + e.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    ex.getBody().setDetail(detail);
    ex.getBody().setType(URI.create(TYPES + "validation"));
    return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
  }

  /** Request parameters that fail validation: 400 naming each bad parameter. */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        ex.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            e ->
                                r.getMethodParameter().getParameterName()
                                    + ": "
                                    + e.getDefaultMessage()))
            .sorted()
            .collect(Collectors.joining("; "));
    ex.getBody().setDetail(detail);
    ex.getBody().setType(URI.create(TYPES + "validation"));
    return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
  }

  private static ProblemDetail problem(HttpStatus status, String type, RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(URI.create(TYPES + type));
    p.setProperty("error", e.getClass().getSimpleName());
    return p;
  }
}
