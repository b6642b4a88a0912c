package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller method take a {@link SecuredEngine} parameter: the engine as the request's
 * principal (set by {@link BearerAuthFilter}). Hidden from the OpenAPI document. Thread-safe.
 */
@Configuration(proxyBeanMethods = false)
public class CallerResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {
  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(SecuredEngine.class);
  }

  private final EngineWiring.SecuredEngines engines;

  /** A resolver over {@code engines}. */
  public CallerResolver(EngineWiring.SecuredEngines engines) {
    this.engines = engines;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == SecuredEngine.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Principal principal = (Principal) request.getAttribute(BearerAuthFilter.PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("no principal: is the path outside /api/?");
    }
    return engines.as(principal, request);
  }
}
