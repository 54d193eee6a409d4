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
package dev.threegate.bubblewrap.internal;

import dev.threegate.bubblewrap.Egress;
import dev.threegate.exec.NetworkDestination;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The egress proxy of one {@code network: allowlist} run, in the gate's JVM, on a Unix socket:
 * HTTP {@code CONNECT host:port} (answered 200, then bytes relayed blindly both ways to that one
 * destination), SOCKS5 {@code CONNECT} to a name or literal without authentication (the same,
 * recognized by its first byte) and absolute-form plain HTTP ({@code GET http://host/path}: one request per client
 * connection, forwarded in origin form with {@code Connection: close}; whatever else the client
 * sends on it reaches the same upstream only). It judges each destination against the run's
 * allowlist, resolves names itself, refuses non-public addresses (unless the configuration allows
 * them) and connects to the address it checked. Everything asked for is recorded ({@link
 * #destinations()}). {@link #close()} stops it and every connection, and removes the socket.
 */
public final class EgressProxy implements AutoCloseable {
  private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{1,16}) ([\\x21-\\x7e]+) (HTTP/1\\.[01])");
  private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[\\t\\x20-\\x7e]*");
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "connection", "proxy-connection", "proxy-authorization", "keep-alive", "te", "upgrade");

  private final Path socket;
  private final EgressRules rules;
  private final Egress config;
  private final Clock clock;
  private final ServerSocketChannel server;
  private final ExecutorService workers;
  private final ScheduledExecutorService reaper;
  private final Thread acceptor;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong totalOut = new AtomicLong();
  private final AtomicLong totalIn = new AtomicLong();
  private final AtomicInteger refusedAtAccept = new AtomicInteger();
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicInteger overflow = new AtomicInteger();
  private final AtomicInteger unrecordable = new AtomicInteger();
  private final Map<String, Record> records = new LinkedHashMap<>();
  private volatile boolean closed;

  private EgressProxy(Path socket, EgressRules rules, Egress config, Clock clock) throws IOException {
    this.socket = socket;
    this.rules = rules;
    this.config = config;
    this.clock = clock;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    AtomicInteger n = new AtomicInteger();
    workers = Executors.newCachedThreadPool(r -> daemon(r, "threegate-egress-" + n.incrementAndGet()));
    reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "threegate-egress-reaper"));
    long period = Math.max(50, Math.min(1000, config.idleTimeout().toMillis() / 4));
    reaper.scheduleWithFixedDelay(this::reapIdle, period, period, TimeUnit.MILLISECONDS);
    acceptor = daemon(this::acceptLoop, "threegate-egress-accept");
    acceptor.start();
  }

  /**
   * Starts a proxy listening on a new Unix socket.
   *
   * @param socket where the socket is created (it must not exist; at most about 100 bytes)
   * @param rules the run's allowlist
   * @param config the bounds, the resolver and whether private addresses are allowed
   * @param clock the clock of the first-seen times
   * @return the running proxy
   * @throws IOException when the socket cannot be bound
   */
  public static EgressProxy start(Path socket, EgressRules rules, Egress config, Clock clock) throws IOException {
    return new EgressProxy(socket, rules, config, clock);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Every destination asked for, in the order first seen, at most {@link Egress#maxDestinations()}.
   *
   * @return the destinations
   */
  public List<NetworkDestination> destinations() {
    List<NetworkDestination> out = new ArrayList<>();
    synchronized (records) {
      for (Record record : records.values()) {
        try {
          out.add(record.toDestination());
        } catch (RuntimeException e) {
          unrecordable.incrementAndGet(); // never the run's end: the rest of the record stands
        }
      }
    }
    return out;
  }

  /**
   * What the proxy refused without a destination to record it under: connections beyond the
   * concurrency bound, malformed requests, destinations beyond the record bound.
   *
   * @return one line for each kind that happened, empty when none did
   */
  public List<String> anomalies() {
    List<String> out = new ArrayList<>();
    if (refusedAtAccept.get() > 0) {
      out.add("egress proxy: " + refusedAtAccept.get() + " connection(s) refused beyond " + config.maxConcurrentConnections()
          + " at once (limit_connections)");
    }
    if (malformed.get() > 0) {
      out.add("egress proxy: " + malformed.get() + " malformed or unsupported request(s) refused");
    }
    if (unrecordable.get() > 0) {
      out.add("egress proxy: " + unrecordable.get() + " destination(s) could not be recorded");
    }
    if (overflow.get() > 0) {
      out.add("egress proxy: " + overflow.get() + " request(s) for destinations beyond the first " + config.maxDestinations()
          + " not listed");
    }
    return out;
  }

  /** Stops accepting, closes every connection and removes the socket. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly(server);
    acceptor.interrupt();
    for (Connection c : open) {
      c.close();
    }
    reaper.shutdownNow();
    workers.shutdownNow();
    try {
      acceptor.join(5000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
      reaper.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // the run directory is removed with the run
    }
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (active.incrementAndGet() > config.maxConcurrentConnections()) {
        active.decrementAndGet();
        refusedAtAccept.incrementAndGet();
        try (SocketChannel c = client) {
          c.write(ByteBuffer.wrap(denial("-", "limit_connections")));
        } catch (IOException e) {
          // the client went away
        }
        continue;
      }
      Connection connection = new Connection(client);
      open.add(connection);
      if (closed) {
        connection.close();
      }
      try {
        workers.execute(() -> {
          try {
            serve(connection);
          } finally {
            connection.close();
            open.remove(connection);
            active.decrementAndGet();
          }
        });
      } catch (RuntimeException e) {
        connection.close();
        open.remove(connection);
        active.decrementAndGet();
      }
    }
  }

  private void reapIdle() {
    long limit = config.idleTimeout().toNanos();
    long now = System.nanoTime();
    for (Connection c : open) {
      if (now - c.lastActivity > limit) {
        c.close();
      }
    }
  }

  /** A client connection and, once connected, its one upstream. */
  private static final class Connection {
    final SocketChannel client;
    volatile Socket upstream;
    volatile long lastActivity = System.nanoTime();

    Connection(SocketChannel client) {
      this.client = client;
    }

    void touch() {
      lastActivity = System.nanoTime();
    }

    void close() {
      quietly(client);
      Socket u = upstream;
      if (u != null) {
        quietly(u);
      }
    }
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  /**
   * A request head read from the client, and the bytes that came after it; for a SOCKS5 client
   * ({@code socks}), an empty text and the bytes read so far.
   */
  private record Head(boolean socks, String text, byte[] rest) {}

  private static final byte SOCKS_VERSION = 5;

  /** Bytes from the client, those already read first. */
  private static final class ClientBytes {
    private final Connection c;
    private byte[] pending;
    private int position;

    ClientBytes(Connection c, byte[] first) {
      this.c = c;
      this.pending = first;
    }

    /** Exactly n bytes, or null when the client left first. */
    byte[] read(int n) throws IOException {
      byte[] out = new byte[n];
      int have = Math.min(n, pending.length - position);
      System.arraycopy(pending, position, out, 0, have);
      position += have;
      ByteBuffer rest = ByteBuffer.wrap(out, have, n - have);
      while (rest.hasRemaining()) {
        if (c.client.read(rest) < 0) {
          return null;
        }
        c.touch();
      }
      return out;
    }

    byte[] remaining() {
      return java.util.Arrays.copyOfRange(pending, position, pending.length);
    }
  }

  /**
   * SOCKS5 without authentication, {@code CONNECT} only, to a host name (socks5h) or an IP
   * literal; the same rules, bounds and records as HTTP {@code CONNECT}.
   */
  private void socks(Connection c, byte[] first) {
    try {
      ClientBytes in = new ClientBytes(c, first);
      byte[] greeting = in.read(2);
      if (greeting == null) {
        return;
      }
      byte[] methods = in.read(greeting[1] & 0xff);
      if (methods == null) {
        return;
      }
      boolean noAuth = false;
      for (byte m : methods) {
        noAuth |= m == 0;
      }
      if (!noAuth) {
        malformed.incrementAndGet();
        send(c, new byte[] {SOCKS_VERSION, (byte) 0xff});
        return;
      }
      send(c, new byte[] {SOCKS_VERSION, 0});
      byte[] request = in.read(4);
      if (request == null) {
        return;
      }
      if (request[0] != SOCKS_VERSION || request[1] != 1 || request[2] != 0) {
        malformed.incrementAndGet();
        send(c, socksReply(request[1] != 1 ? 7 : 1));
        return;
      }
      String host;
      switch (request[3]) {
        case 1 -> {
          byte[] a = in.read(4);
          host = a == null ? null : InetAddress.getByAddress(a).getHostAddress();
        }
        case 4 -> {
          byte[] a = in.read(16);
          host = a == null ? null : "[" + InetAddress.getByAddress(a).getHostAddress() + "]";
        }
        case 3 -> {
          byte[] len = in.read(1);
          byte[] name = len == null ? null : in.read(len[0] & 0xff);
          host = name == null ? null : new String(name, StandardCharsets.ISO_8859_1);
        }
        default -> {
          malformed.incrementAndGet();
          send(c, socksReply(8));
          return;
        }
      }
      byte[] port = host == null ? null : in.read(2);
      if (port == null) {
        return;
      }
      int portNumber = ((port[0] & 0xff) << 8) | (port[1] & 0xff);
      Optional<EgressRules.Authority> authority =
          host.isEmpty() || portNumber == 0 ? Optional.empty() : EgressRules.splitAuthority(host + ":" + portNumber, -1);
      if (authority.isEmpty()) {
        malformed.incrementAndGet();
        send(c, socksReply(1));
        return;
      }
      Socket upstream = open(c, authority.get(), true);
      if (upstream == null) {
        return;
      }
      send(c, socksReply(0));
      relay(c, upstream, in.remaining(), recordOf(authority.get()), false);
    } catch (IOException e) {
      // the client went away
    }
  }

  private static byte[] socksReply(int code) {
    return new byte[] {SOCKS_VERSION, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0};
  }

  /** The SOCKS5 reply code of a denial. */
  private static int socksCode(String reason) {
    return switch (reason) {
      case "resolve_failed" -> 4;
      case "connect_failed" -> 5;
      default -> 2;
    };
  }

  private void serve(Connection c) {
    Head head;
    try {
      head = readHead(c);
    } catch (IOException e) {
      return;
    }
    if (head == null) {
      return;
    }
    if (head.socks()) {
      socks(c, head.rest());
      return;
    }
    String[] lines = head.text().split("\r\n", -1);
    var requestLine = REQUEST_LINE.matcher(lines[0]);
    if (!requestLine.matches()) {
      refuseMalformed(c);
      return;
    }
    for (int i = 1; i < lines.length; i++) {
      if (!HEADER.matcher(lines[i]).matches()) {
        refuseMalformed(c);
        return;
      }
    }
    String method = requestLine.group(1);
    String target = requestLine.group(2);
    String version = requestLine.group(3);
    if (method.equals("CONNECT")) {
      Optional<EgressRules.Authority> authority = EgressRules.splitAuthority(target, -1);
      if (authority.isEmpty() || authority.get().port() < 0) {
        refuseMalformed(c);
        return;
      }
      Socket upstream = open(c, authority.get(), false);
      if (upstream == null) {
        return;
      }
      try {
        c.client.write(ByteBuffer.wrap((version + " 200 Connection established\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
      } catch (IOException e) {
        return;
      }
      relay(c, upstream, head.rest(), recordOf(authority.get()), false);
      return;
    }
    if (!target.regionMatches(true, 0, "http://", 0, 7)) {
      refuseMalformed(c);
      return;
    }
    String rest = target.substring(7);
    int end = rest.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String authorityText = rest.substring(0, end);
    String path = rest.substring(end);
    if (authorityText.contains("@") || path.startsWith("#")) {
      refuseMalformed(c);
      return;
    }
    if (path.isEmpty() || path.startsWith("?")) {
      path = "/" + path;
    }
    int hash = path.indexOf('#');
    if (hash >= 0) {
      path = path.substring(0, hash);
    }
    Optional<EgressRules.Authority> authority = EgressRules.splitAuthority(authorityText, 80);
    if (authority.isEmpty()) {
      refuseMalformed(c);
      return;
    }
    Socket upstream = open(c, authority.get(), false);
    if (upstream == null) {
      return;
    }
    StringBuilder forwarded = new StringBuilder();
    forwarded.append(method).append(' ').append(path).append(' ').append(version).append("\r\n");
    forwarded.append("Host: ").append(authorityText).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String name = lines[i].substring(0, lines[i].indexOf(':')).toLowerCase(Locale.ROOT);
      if (!HOP_HEADERS.contains(name)) {
        forwarded.append(lines[i]).append("\r\n");
      }
    }
    forwarded.append("Connection: close\r\n\r\n");
    byte[] headBytes = forwarded.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] first = new byte[headBytes.length + head.rest().length];
    System.arraycopy(headBytes, 0, first, 0, headBytes.length);
    System.arraycopy(head.rest(), 0, first, headBytes.length, head.rest().length);
    relay(c, upstream, first, recordOf(authority.get()), true);
  }

  /** Reads up to the blank line that ends a request head; null when the client left first. */
  private Head readHead(Connection c) throws IOException {
    int max = config.maxHeaderBytes();
    byte[] buffer = new byte[max];
    int length = 0;
    ByteBuffer chunk = ByteBuffer.allocate(4096);
    while (true) {
      chunk.clear();
      chunk.limit(Math.min(chunk.capacity(), max - length + 4096));
      int n = c.client.read(chunk);
      if (n < 0) {
        return null;
      }
      c.touch();
      chunk.flip();
      if (length == 0 && n > 0 && chunk.get(0) == SOCKS_VERSION) {
        byte[] first = new byte[n];
        chunk.get(first);
        return new Head(true, "", first);
      }
      int before = length;
      int copy = Math.min(n, max - length);
      chunk.get(buffer, length, copy);
      length += copy;
      int from = Math.max(0, before - 3);
      for (int i = from; i + 3 < length; i++) {
        if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
          for (int k = 0; k < i; k++) {
            if (buffer[k] < 0) {
              refuseMalformed(c);
              return null;
            }
          }
          byte[] rest = new byte[length - (i + 4) + chunk.remaining()];
          System.arraycopy(buffer, i + 4, rest, 0, length - (i + 4));
          chunk.get(rest, length - (i + 4), chunk.remaining());
          return new Head(false, new String(buffer, 0, i, StandardCharsets.ISO_8859_1), rest);
        }
      }
      if (length >= max) {
        malformed.incrementAndGet();
        send(c, denial("-", "header_too_large"));
        return null;
      }
    }
  }

  private void refuseMalformed(Connection c) {
    malformed.incrementAndGet();
    send(c, denial("-", "bad_request"));
  }

  private static void send(Connection c, byte[] bytes) {
    try {
      c.client.write(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Judges a destination and connects to it; null (after answering 403 and recording) when refused. */
  private Socket open(Connection c, EgressRules.Authority authority, boolean socks) {
    Optional<EgressRules.Host> host = EgressRules.normalize(authority.host());
    String key = host.map(EgressRules.Host::name).orElse(recordHost(authority.host()));
    Record record = record(key, authority.port());
    if (requests.incrementAndGet() > config.maxConnections()) {
      return deny(c, record, key, authority.port(), socks, "limit_connections");
    }
    if (host.isEmpty()) {
      return deny(c, record, key, authority.port(), socks, "invalid_host");
    }
    Optional<String> refused = rules.judge(host.get(), authority.port());
    if (refused.isPresent()) {
      return deny(c, record, key, authority.port(), socks, refused.get());
    }
    List<InetAddress> addresses;
    if (host.get().kind() == EgressRules.Kind.LITERAL) {
      addresses = List.of(host.get().literal().orElseThrow());
    } else {
      try {
        addresses = List.copyOf(config.resolver().resolve(host.get().name()));
      } catch (UnknownHostException | RuntimeException e) {
        return deny(c, record, key, authority.port(), socks, "resolve_failed");
      }
    }
    if (addresses.isEmpty()) {
      return deny(c, record, key, authority.port(), socks, "resolve_failed");
    }
    // a name with any non-public answer is refused whole: a public answer beside it says nothing
    // of the next resolution, and such names are how rebinding starts
    if (!config.allowPrivateDestinations() && addresses.stream().anyMatch(a -> AddressClass.nonPublic(a).isPresent())) {
      return deny(c, record, key, authority.port(), socks, "private_address");
    }
    List<InetAddress> permitted = addresses.stream().limit(3).toList();
    for (InetAddress address : permitted) {
      if (closed) {
        return deny(c, record, key, authority.port(), socks, "interrupted");
      }
      Socket upstream = new Socket();
      c.upstream = upstream;
      try {
        upstream.connect(new InetSocketAddress(address, authority.port()), (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
        c.touch();
        if (record != null) {
          record.connected();
        }
        return upstream;
      } catch (IOException e) {
        quietly(upstream);
      }
    }
    return deny(c, record, key, authority.port(), socks, "connect_failed");
  }

  private Socket deny(Connection c, Record record, String host, int port, boolean socks, String reason) {
    if (record != null) {
      record.denied(reason);
    }
    send(c, socks ? socksReply(socksCode(reason)) : denial(host + ":" + port, reason));
    return null;
  }

  private static byte[] denial(String destination, String reason) {
    String body = "threegate egress proxy: " + EgressRules.printable(destination, 300) + " denied (" + reason + ")\n";
    return ("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\nX-Threegate-Denied: " + reason
        + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  private Record recordOf(EgressRules.Authority authority) {
    String key = EgressRules.normalize(authority.host()).map(EgressRules.Host::name).orElse(recordHost(authority.host()));
    synchronized (records) {
      return records.get(key + ":" + authority.port());
    }
  }

  /**
   * How a host that is not a valid name is recorded: printable ASCII, spaces shown as {@code \x20},
   * {@code (blank)} when nothing is left, so that no such host is blank or looks like another.
   */
  static String recordHost(String raw) {
    String printable = EgressRules.printable(raw.toLowerCase(Locale.ROOT), 240).replace(" ", "\\x20");
    return printable.isEmpty() ? "(blank)" : printable;
  }

  /** The record of a destination, a new one counting an attempt; null beyond the record bound. */
  private Record record(String host, int port) {
    synchronized (records) {
      Record record = records.get(host + ":" + port);
      if (record == null) {
        if (records.size() >= config.maxDestinations()) {
          overflow.incrementAndGet();
          return null;
        }
        record = new Record(host, port, clock.instant());
        records.put(host + ":" + port, record);
      }
      record.attempts.incrementAndGet();
      return record;
    }
  }

  /**
   * Relays bytes both ways between the client and its one upstream, first sending {@code first}
   * upstream; counts bytes against the run's bounds.
   */
  private void relay(Connection c, Socket upstream, byte[] first, Record record, boolean closeWhenUpstreamEnds) {
    try {
      InputStream fromUpstream = upstream.getInputStream();
      OutputStream toUpstream = upstream.getOutputStream();
      if (first.length > 0) {
        if (!countOut(c, record, first.length)) {
          return;
        }
        toUpstream.write(first);
        toUpstream.flush();
      }
      var outbound = workers.submit(() -> {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
          while (true) {
            buffer.clear();
            int n = c.client.read(buffer);
            if (n < 0) {
              upstream.shutdownOutput();
              return;
            }
            c.touch();
            if (!countOut(c, record, n)) {
              return;
            }
            toUpstream.write(buffer.array(), 0, n);
            toUpstream.flush();
          }
        } catch (IOException e) {
          c.close();
        }
      });
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        int n = fromUpstream.read(buffer);
        if (n < 0) {
          break;
        }
        c.touch();
        if (!countIn(c, record, n)) {
          return;
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, n);
        while (out.hasRemaining()) {
          c.client.write(out);
        }
      }
      if (closeWhenUpstreamEnds) {
        return;
      }
      c.client.shutdownOutput();
      try {
        outbound.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException e) {
        // the outbound side ended with the connection
      }
    } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
      // either side went away: the connection is closed by the caller
    }
  }

  private boolean countOut(Connection c, Record record, int n) {
    if (totalOut.addAndGet(n) > config.maxBytesEachWay()) {
      if (record != null) {
        record.denied("limit_bytes");
      }
      c.close();
      return false;
    }
    if (record != null) {
      record.bytesOut.addAndGet(n);
    }
    return true;
  }

  private boolean countIn(Connection c, Record record, int n) {
    if (totalIn.addAndGet(n) > config.maxBytesEachWay()) {
      if (record != null) {
        record.denied("limit_bytes");
      }
      c.close();
      return false;
    }
    if (record != null) {
      record.bytesIn.addAndGet(n);
    }
    return true;
  }

  /** What the proxy knows of one host and port. */
  private static final class Record {
    final String host;
    final int port;
    final java.time.Instant firstSeen;
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();
    volatile boolean allowed;
    volatile String reason = "";

    Record(String host, int port, java.time.Instant firstSeen) {
      this.host = host;
      this.port = port;
      this.firstSeen = firstSeen;
    }

    void connected() {
      allowed = true;
    }

    synchronized void denied(String why) {
      if (reason.isEmpty()) {
        reason = why;
      }
    }

    /** The record; a destination neither connected nor refused when the run ended was cut off. */
    NetworkDestination toDestination() {
      String why = !allowed && reason.isEmpty() ? "interrupted" : reason;
      return NetworkDestination.builder().host(host).port(port)
          .allowed(allowed).reason(why).attempts(Math.max(1, attempts.get()))
          .bytesOut(bytesOut.get()).bytesIn(bytesIn.get()).firstSeen(firstSeen).build();
    }
  }
}
