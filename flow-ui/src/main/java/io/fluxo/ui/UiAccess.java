package io.fluxo.ui;

import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Who may see the UI: anyone who reaches it (local use; then only through a loopback host name, so
 * that no other site can reach it by rebinding a name), or whoever sent the token once on the login
 * page and holds it in an {@code HttpOnly}, {@code SameSite=Strict} cookie. Requests that change
 * something (login, logout) must come from the UI's own origin.
 */
public final class UiAccess {
  /** The cookie that holds the token. */
  static final String COOKIE = "fluxo_token";

  private final byte[] expected;

  private UiAccess(byte[] expected) {
    this.expected = expected;
  }

  /** Open to anyone who reaches it through a loopback host name. */
  public static UiAccess open() {
    return new UiAccess(null);
  }

  /** Only for whoever holds {@code token}. */
  public static UiAccess token(String token) {
    Objects.requireNonNull(token, "token");
    return new UiAccess(digest(token));
  }

  /** Whether a token is needed. */
  boolean needsToken() {
    return expected != null;
  }

  /** Whether {@code token} is the one needed, compared in constant time. */
  boolean accepts(String token) {
    return expected == null || (token != null && MessageDigest.isEqual(expected, digest(token)));
  }

  /** Whether the request may see the UI. */
  boolean allows(Context ctx) {
    if (expected == null) {
      return loopbackHost(ctx.host());
    }
    return accepts(ctx.cookie(COOKIE));
  }

  /**
   * Whether a request that changes something comes from the UI's own origin: its {@code Origin}
   * (or, without one, {@code Referer}) names the host it was sent to.
   */
  static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      origin = ctx.header("Referer");
    }
    if (origin == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(ctx.host());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name =
        host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
