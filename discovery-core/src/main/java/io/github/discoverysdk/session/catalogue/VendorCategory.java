package io.github.discoverysdk.session.catalogue;

/** A category of vendors ({@code "endpoint_security"}), named for people. Immutable. */
public record VendorCategory(String id, String name) {}
