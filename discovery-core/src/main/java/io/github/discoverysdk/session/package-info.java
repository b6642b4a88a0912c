/**
 * Discovery sessions: a sales engineer's questionnaire-driven conversation with an account. A
 * {@link io.github.discoverysdk.session.Session} runs through the questions of one vertical of the
 * {@link io.github.discoverysdk.session.catalogue.Catalogue}; its {@link
 * io.github.discoverysdk.session.Response responses} are validated against the question type, its
 * typed {@link io.github.discoverysdk.session.Note notes} may link to a response, and its {@link
 * io.github.discoverysdk.session.SessionExport exports} (JSON, CSV, Salesforce) are tracked. {@link
 * io.github.discoverysdk.session.SessionStore} keeps them ({@code Storage.sessions()}); {@link
 * io.github.discoverysdk.session.Sessions} is the audited facade.
 */
package io.github.discoverysdk.session;
