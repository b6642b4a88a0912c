/**
 * Not API: public only for technical reasons; may change without notice.
 *
 * <p>Code shared by the SDK's own modules (for example, the feed logic every {@code Storage}
 * implementation reuses). Hosts and connector authors must not depend on it.
 */
package io.github.discoverysdk.internal;
