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
package dev.threegate.bubblewrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the egress proxy of a {@code network: allowlist} run behaves: how it resolves names, whether
 * it may connect to private addresses, and its bounds per run. Immutable; {@link #defaults()} is
 * what an executor uses unless {@link BubblewrapExecutor.Builder#egress(Egress)} says otherwise.
 */
public final class Egress {
  private final Resolver resolver;
  private final boolean allowPrivateDestinations;
  private final int maxConcurrentConnections;
  private final int maxConnections;
  private final long maxBytesEachWay;
  private final int maxHeaderBytes;
  private final Duration idleTimeout;
  private final Duration connectTimeout;
  private final int maxDestinations;

  private Egress(Builder b) {
    resolver = b.resolver;
    allowPrivateDestinations = b.allowPrivateDestinations;
    maxConcurrentConnections = b.maxConcurrentConnections;
    maxConnections = b.maxConnections;
    maxBytesEachWay = b.maxBytesEachWay;
    maxHeaderBytes = b.maxHeaderBytes;
    idleTimeout = b.idleTimeout;
    connectTimeout = b.connectTimeout;
    maxDestinations = b.maxDestinations;
  }

  /**
   * The defaults: the system resolver, no private destinations, 32 connections at once, 256 per
   * run, 256 MiB each way per run, request headers of at most 16 KiB, 60 s idle, 10 s to connect,
   * 1000 destinations recorded.
   *
   * @return the default configuration
   */
  public static Egress defaults() {
    return builder().build();
  }

  /**
   * A builder, starting from {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves host names for the proxy: it connects to an address this returned and it checked,
   * never resolving a name twice.
   */
  @FunctionalInterface
  public interface Resolver {
    /**
     * The addresses of a host name.
     *
     * @param host a normalized host name (lower case, no trailing dot), never an IP literal
     * @return its addresses, in the order to try them
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The system's resolver ({@link InetAddress#getAllByName(String)}).
     *
     * @return the system resolver
     */
    static Resolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  /**
   * How names are resolved.
   *
   * @return the resolver
   */
  public Resolver resolver() {
    return resolver;
  }

  /**
   * Whether the proxy may connect to loopback, private, link-local, CGNAT, multicast and
   * unspecified addresses (for tests with local servers; never in production).
   *
   * @return whether private destinations are allowed
   */
  public boolean allowPrivateDestinations() {
    return allowPrivateDestinations;
  }

  /**
   * The most connections open at once; more are answered {@code 403} ({@code limit_connections}).
   *
   * @return at least 1
   */
  public int maxConcurrentConnections() {
    return maxConcurrentConnections;
  }

  /**
   * The most connections in a run; more are answered {@code 403} ({@code limit_connections}).
   *
   * @return at least 1
   */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * The most bytes relayed in each direction over a run; a connection that crosses it is cut
   * ({@code limit_bytes}).
   *
   * @return at least 1
   */
  public long maxBytesEachWay() {
    return maxBytesEachWay;
  }

  /**
   * The largest request head (request line and headers) the proxy reads.
   *
   * @return bytes, at least 256
   */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /**
   * How long a connection may pass no byte before the proxy closes it.
   *
   * @return a positive duration
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * How long the proxy waits for an upstream connection.
   *
   * @return a positive duration
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The most distinct destinations recorded in a run; the rest are counted.
   *
   * @return at least 1
   */
  public int maxDestinations() {
    return maxDestinations;
  }

  /** Builds an {@link Egress}. */
  public static final class Builder {
    private Resolver resolver = Resolver.system();
    private boolean allowPrivateDestinations;
    private int maxConcurrentConnections = 32;
    private int maxConnections = 256;
    private long maxBytesEachWay = 256L << 20;
    private int maxHeaderBytes = 16 * 1024;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxDestinations = 1000;

    private Builder() {}

    /**
     * Sets the resolver.
     *
     * @param value the resolver
     * @return this builder
     */
    public Builder resolver(Resolver value) {
      resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /**
     * Lets the proxy connect to private and loopback addresses (tests only). Default {@code false}.
     *
     * @param value whether private destinations are allowed
     * @return this builder
     */
    public Builder allowPrivateDestinations(boolean value) {
      allowPrivateDestinations = value;
      return this;
    }

    /**
     * Sets the most connections open at once.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxConcurrentConnections(int value) {
      maxConcurrentConnections = positive("maxConcurrentConnections", value);
      return this;
    }

    /**
     * Sets the most connections in a run.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxConnections(int value) {
      maxConnections = positive("maxConnections", value);
      return this;
    }

    /**
     * Sets the most bytes relayed in each direction over a run.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxBytesEachWay(long value) {
      maxBytesEachWay = positive("maxBytesEachWay", value);
      return this;
    }

    /**
     * Sets the largest request head.
     *
     * @param value at least 256
     * @return this builder
     */
    public Builder maxHeaderBytes(int value) {
      if (value < 256) {
        throw new IllegalArgumentException("maxHeaderBytes must be at least 256: " + value);
      }
      maxHeaderBytes = value;
      return this;
    }

    /**
     * Sets how long a connection may stay idle.
     *
     * @param value positive
     * @return this builder
     */
    public Builder idleTimeout(Duration value) {
      idleTimeout = positive("idleTimeout", value);
      return this;
    }

    /**
     * Sets how long to wait for an upstream connection.
     *
     * @param value positive
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      connectTimeout = positive("connectTimeout", value);
      return this;
    }

    /**
     * Sets the most distinct destinations recorded.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxDestinations(int value) {
      maxDestinations = positive("maxDestinations", value);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public Egress build() {
      return new Egress(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    private static long positive(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
