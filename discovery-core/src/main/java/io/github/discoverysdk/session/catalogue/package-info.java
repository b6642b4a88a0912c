/**
 * The discovery catalogue as data: verticals, their questions (text, radio, vendor selection,
 * sizing), vendor categories and the vendors in them with their aliases. {@link
 * io.github.discoverysdk.session.catalogue.Catalogue#defaults()} is the versioned catalogue shipped
 * with the SDK; a host loads its own with {@link
 * io.github.discoverysdk.session.catalogue.Catalogue#load}, validated on load.
 */
package io.github.discoverysdk.session.catalogue;
