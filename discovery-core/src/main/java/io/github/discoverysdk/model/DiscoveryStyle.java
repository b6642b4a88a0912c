package io.github.discoverysdk.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;
import org.immutables.value.Value.Style.ImplementationVisibility;

/**
 * Immutables style of the SDK's values: the generated implementation is package-private and hidden
 * behind the value type, which exposes its own {@code Builder}.
 */
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    // Keeps Immutables' own @Generated off the generated classes, so that modules compiling
    // against core need no Immutables jar (it is a compile-only dependency).
    allowedClasspathAnnotations = {Override.class},
    get = {"is*", "get*"},
    init = "*")
public @interface DiscoveryStyle {}
