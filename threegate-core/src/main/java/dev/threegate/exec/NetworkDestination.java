/*
 * Copyright 2026 The ThreeGate authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.threegate.exec;

import java.time.Instant;
import java.util.Objects;

/**
 * One destination a run tried to reach through the gate's egress proxy, and what the proxy did:
 * the audit record of where a tool went. A destination is a host name (or an IP literal, as the
 * tool wrote it) and a port; every attempt to the same destination adds to one record. Immutable;
 * built with {@link #builder()}.
 */
public final class NetworkDestination {
  private final String host;
  private final int port;
  private final boolean allowed;
  private final String reason;
  private final long attempts;
  private final long bytesOut;
  private final long bytesIn;
  private final Instant firstSeen;

  private NetworkDestination(Builder builder) {
    host = Objects.requireNonNull(builder.host, "host");
    reason = Objects.requireNonNull(builder.reason, "reason");
    firstSeen = Objects.requireNonNull(builder.firstSeen, "firstSeen");
    port = builder.port;
    allowed = builder.allowed;
    attempts = builder.attempts;
    bytesOut = builder.bytesOut;
    bytesIn = builder.bytesIn;
    if (host.isBlank()) {
      throw new IllegalArgumentException("a destination has a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (attempts < 1 || bytesOut < 0 || bytesIn < 0) {
      throw new IllegalArgumentException("negative counts: " + attempts + ", " + bytesOut + ", " + bytesIn);
    }
    if (!allowed && reason.isEmpty()) {
      throw new IllegalArgumentException("a denied destination has a reason");
    }
  }

  /**
   * A builder; the host, the port and the first-seen time are required, and a reason unless
   * allowed; the attempts default to 1, the rest to denied, no reason and no bytes.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this destination's values.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return builder().host(host).port(port).allowed(allowed).reason(reason).attempts(attempts)
        .bytesOut(bytesOut).bytesIn(bytesIn).firstSeen(firstSeen);
  }

  /**
   * The host as the tool asked for it, lowercase.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * The port.
   *
   * @return 1 to 65535
   */
  public int port() {
    return port;
  }

  /**
   * Whether the proxy connected it at least once.
   *
   * @return true if connected at least once
   */
  public boolean allowed() {
    return allowed;
  }

  /**
   * Why an attempt was denied or cut: a short code such as {@code not_allowlisted}, {@code
   * private_address}, {@code ip_literal}, {@code port_not_allowed}, {@code limit_connections},
   * {@code limit_bytes}; empty when every attempt was allowed and none was cut. An allowed
   * destination has a reason when a later attempt was refused or its bytes were cut.
   *
   * @return the reason, or empty
   */
  public String reason() {
    return reason;
  }

  /**
   * How many connections the tool tried to it.
   *
   * @return at least 1
   */
  public long attempts() {
    return attempts;
  }

  /**
   * The bytes the proxy forwarded from the tool to it.
   *
   * @return at least 0
   */
  public long bytesOut() {
    return bytesOut;
  }

  /**
   * The bytes the proxy forwarded from it to the tool.
   *
   * @return at least 0
   */
  public long bytesIn() {
    return bytesIn;
  }

  /**
   * When the tool first asked for it.
   *
   * @return the time
   */
  public Instant firstSeen() {
    return firstSeen;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkDestination that && host.equals(that.host) && port == that.port && allowed == that.allowed
        && reason.equals(that.reason) && attempts == that.attempts && bytesOut == that.bytesOut && bytesIn == that.bytesIn
        && firstSeen.equals(that.firstSeen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, allowed, reason, attempts, bytesOut, bytesIn, firstSeen);
  }

  @Override
  public String toString() {
    return "NetworkDestination[" + host + ":" + port + (allowed ? ", allowed" : ", denied")
        + (reason.isEmpty() ? "" : " (" + reason + ")") + ", " + attempts + " attempt(s), " + bytesOut + " bytes out, "
        + bytesIn + " bytes in, first seen " + firstSeen + "]";
  }

  /** Builds a {@link NetworkDestination}; not thread-safe. */
  public static final class Builder {
    private String host;
    private int port;
    private boolean allowed;
    private String reason = "";
    private long attempts = 1;
    private long bytesOut;
    private long bytesIn;
    private Instant firstSeen;

    private Builder() {}

    /**
     * Sets the host.
     *
     * @param value the host as the tool asked for it, not blank
     * @return this builder
     */
    public Builder host(String value) {
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param value 1 to 65535
     * @return this builder
     */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /**
     * Sets whether the proxy connected it at least once.
     *
     * @param value true if connected
     * @return this builder
     */
    public Builder allowed(boolean value) {
      allowed = value;
      return this;
    }

    /**
     * Sets why an attempt was denied or cut.
     *
     * @param value a short code, or empty
     * @return this builder
     */
    public Builder reason(String value) {
      reason = Objects.requireNonNull(value, "reason");
      return this;
    }

    /**
     * Sets how many connections the tool tried.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder attempts(long value) {
      attempts = value;
      return this;
    }

    /**
     * Sets the bytes forwarded from the tool.
     *
     * @param value at least 0
     * @return this builder
     */
    public Builder bytesOut(long value) {
      bytesOut = value;
      return this;
    }

    /**
     * Sets the bytes forwarded to the tool.
     *
     * @param value at least 0
     * @return this builder
     */
    public Builder bytesIn(long value) {
      bytesIn = value;
      return this;
    }

    /**
     * Sets when the tool first asked for it.
     *
     * @param value the time
     * @return this builder
     */
    public Builder firstSeen(Instant value) {
      firstSeen = Objects.requireNonNull(value, "firstSeen");
      return this;
    }

    /**
     * Builds the destination.
     *
     * @return the destination
     * @throws IllegalArgumentException if the host is blank, the port out of range, a count negative or a
     *     denied destination has no reason
     */
    public NetworkDestination build() {
      return new NetworkDestination(this);
    }
  }
}
