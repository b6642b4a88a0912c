/**
 * Small helpers the SDK's modules and SPI implementers share: argument checks with the SDK's
 * wording ({@link io.github.discoverysdk.support.Require}) and the one text hash ({@link
 * io.github.discoverysdk.support.Hashing}). Public and kept compatible like the rest of the API,
 * but deliberately small: not a general utility library.
 *
 * <p>A leaf: it depends on the JDK and the root package's exceptions only, so every other package,
 * {@code model} included, may use it without a cycle.
 */
package io.github.discoverysdk.support;
