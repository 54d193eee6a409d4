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
package dev.threegate.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * What stands between the host's standard input and the SDK's stdio transport, which stops
 * reading for good at the first line it cannot read. One JSON-RPC message a line: a line that is
 * not one the SDK can read (not JSON, nested too deep, longer than the bound, not an object with
 * {@code "jsonrpc": "2.0"}, an id that is neither a string nor an integer, a method that is not a
 * string) never reaches it; it is answered with a JSON-RPC error ({@code -32700} parse error,
 * {@code -32600} invalid request) and the session goes on. The answers share the output with the
 * SDK's, a whole line at a time.
 */
public final class StdioGate {
  private final InputStream in;
  private final McpJsonMapper mapper;
  private final int maxLineBytes;
  private final PrintStream log;
  private final LineOutput out;
  private final PipedOutputStream toSdk = new PipedOutputStream();
  private final PipedInputStream sdkInput;
  private final CountDownLatch ended = new CountDownLatch(1);

  /**
   * A gate.
   *
   * @param in the host's messages
   * @param out where the answers go, the SDK's and the gate's
   * @param mapper the SDK's JSON mapper
   * @param maxLineBytes the longest line passed on
   * @param log where dropped lines are reported (standard error)
   * @throws IOException if the pipe cannot be made
   */
  public StdioGate(InputStream in, OutputStream out, McpJsonMapper mapper, int maxLineBytes, PrintStream log) throws IOException {
    this.in = Objects.requireNonNull(in, "in");
    this.out = new LineOutput(Objects.requireNonNull(out, "out"));
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.maxLineBytes = maxLineBytes;
    this.log = Objects.requireNonNull(log, "log");
    this.sdkInput = new PipedInputStream(toSdk, 1 << 16);
  }

  /**
   * What the SDK reads.
   *
   * @return the lines that passed
   */
  public InputStream sdkInput() {
    return sdkInput;
  }

  /**
   * Where the SDK writes: the host's output, a whole line at a time.
   *
   * @return the output
   */
  public OutputStream sdkOutput() {
    return out;
  }

  /** Starts passing lines on, on a daemon thread, until the input ends or the SDK stops reading. */
  public void start() {
    Thread thread = new Thread(this::pass, "threegate-mcp-stdin");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Waits until the input ended or failed, or the SDK stopped reading.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitEnd() throws InterruptedException {
    ended.await();
  }

  private void pass() {
    try (InputStream input = in; OutputStream pipe = toSdk) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLong = false;
      byte[] buffer = new byte[8192];
      for (int n; (n = input.read(buffer)) >= 0; ) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            if (tooLong) {
              refuse(null, -32600, "the message is longer than " + maxLineBytes + " bytes; it was not read");
            } else {
              judge(line.toByteArray(), pipe);
            }
            line.reset();
            tooLong = false;
          } else if (!tooLong) {
            if (line.size() >= maxLineBytes) {
              tooLong = true;
              line.reset();
            } else {
              line.write(b);
            }
          }
        }
      }
    } catch (IOException e) {
      log.println("threegate mcp: the session ends: " + e.getMessage());
    } finally {
      ended.countDown();
    }
  }

  private void judge(byte[] bytes, OutputStream pipe) throws IOException {
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return;
    }
    Object message;
    try {
      message = mapper.readValue(text, Object.class);
    } catch (IOException | RuntimeException e) {
      refuse(null, -32700, "parse error: the line is not JSON the server can read (at most 500 levels deep)");
      return;
    }
    if (!(message instanceof Map<?, ?> map) || !"2.0".equals(map.get("jsonrpc"))) {
      refuse(null, -32600, "invalid request: a message is a JSON object with \"jsonrpc\": \"2.0\"");
      return;
    }
    Object id = map.get("id");
    boolean idOk = id == null && !map.containsKey("id") || id instanceof String || isInteger(id);
    Object method = map.get("method");
    Object params = map.get("params");
    boolean shapeOk = method instanceof String ? params == null || params instanceof Map || params instanceof List
        : method == null && !map.containsKey("method") && (map.containsKey("result") || map.containsKey("error")) && idOk && id != null;
    if (!idOk || !shapeOk) {
      refuse(idOk ? id : null, -32600, "invalid request: the id must be a string or an integer, the method a string, "
          + "the params an object or an array");
      return;
    }
    pipe.write(bytes, 0, length);
    pipe.write('\n');
    pipe.flush();
  }

  private static boolean isInteger(Object id) {
    return id instanceof Integer || id instanceof Long || id instanceof BigInteger || id instanceof Short;
  }

  private void refuse(Object id, int code, String message) throws IOException {
    log.println("threegate mcp: a message was refused: " + message);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("jsonrpc", "2.0");
    answer.put("id", id);
    answer.put("error", error);
    out.writeLine(mapper.writeValueAsBytes(answer));
  }

  /** The host's output: each writer's bytes go out a whole line at a time, never interleaved. */
  static final class LineOutput extends OutputStream {
    private final OutputStream out;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    LineOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      ByteArrayOutputStream line = pending.get();
      line.write(b);
      if (b == '\n') {
        emit(line);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      ByteArrayOutputStream line = pending.get();
      int start = offset;
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          line.write(bytes, start, i + 1 - start);
          emit(line);
          start = i + 1;
        }
      }
      line.write(bytes, start, offset + length - start);
    }

    void writeLine(byte[] json) throws IOException {
      synchronized (out) {
        out.write(json);
        out.write('\n');
        out.flush();
      }
    }

    private void emit(ByteArrayOutputStream line) throws IOException {
      synchronized (out) {
        line.writeTo(out);
        out.flush();
      }
      line.reset();
    }

    @Override
    public void flush() throws IOException {
      // whole lines are flushed as they are written; a partial line waits for its end
    }

    @Override
    public void close() throws IOException {
      synchronized (out) {
        out.flush();
      }
    }
  }
}
