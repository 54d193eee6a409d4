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

import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test executor that "runs" a request by writing scripted bytes through {@link StreamCapture}
 * and scripted files into {@code /out}, so the real writer and validator see real files.
 */
public final class ScriptedExecutor implements Executor {
  public static final BackendInfo BACKEND =
      BackendInfo.builder()
          .name("scripted")
          .version("1.0")
          .capabilities(Capabilities.builder(Isolation.NAMESPACE)
              .languages(EnumSet.allOf(Language.class))
              .maxCommandBytes(4096)
              .fileInputs(true)
              .fileOutputs(true)
              .build())
          .kind(Backend.ERA)
          .build();

  private final byte[] stdout;
  private final byte[] stderr;
  private final int exitCode;
  private final ExecutionStatus status;
  private final Map<String, byte[]> files;
  private final NetworkEnforcement network;
  public final List<ExecutionSpec> specs = new CopyOnWriteArrayList<>();
  public final List<List<String>> inputsSeen = new CopyOnWriteArrayList<>();

  private ScriptedExecutor(byte[] stdout, byte[] stderr, int exitCode, ExecutionStatus status, Map<String, byte[]> files, NetworkEnforcement network) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.status = status;
    this.files = files;
    this.network = network;
  }

  public static ScriptedExecutor printing(String stdout) {
    return new ScriptedExecutor(stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[0], 0, ExecutionStatus.COMPLETED, Map.of(), NetworkEnforcement.HOST_NAMESPACE);
  }

  public static ScriptedExecutor printing(byte[] stdout) {
    return new ScriptedExecutor(stdout, new byte[0], 0, ExecutionStatus.COMPLETED, Map.of(), NetworkEnforcement.HOST_NAMESPACE);
  }

  public ScriptedExecutor withFiles(Map<String, byte[]> outFiles) {
    return new ScriptedExecutor(stdout, stderr, exitCode, status, new LinkedHashMap<>(outFiles), network);
  }

  public ScriptedExecutor withStderr(String text) {
    return new ScriptedExecutor(stdout, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), exitCode, status, files, network);
  }

  public ScriptedExecutor exiting(int code, ExecutionStatus how) {
    return new ScriptedExecutor(stdout, stderr, code, how, files, network);
  }

  public ScriptedExecutor network(NetworkEnforcement enforcement) {
    return new ScriptedExecutor(stdout, stderr, exitCode, status, files, enforcement);
  }

  @Override
  public ExecutionResult execute(ExecutionSpec spec) {
    specs.add(spec);
    try {
      List<String> seen = new ArrayList<>();
      try (var list = Files.list(spec.inputsDir())) {
        list.forEach(p -> seen.add(p.getFileName() + ":" + permissions(p)));
      }
      inputsSeen.add(seen);
      CapturedStream out = capture(spec, "stdout", stdout);
      CapturedStream err = capture(spec, "stderr", stderr);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = spec.outputsDir().resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
      OutputFiles collected = OutputFiles.collect(spec.outputsDir());
      ExecutionStatus effective = out.truncated() || err.truncated() ? ExecutionStatus.OUTPUT_LIMIT : status;
      return ExecutionResult.builder()
          .status(effective)
          .exitCode(exitCode)
          .runtime(Duration.ofMillis(1234))
          .stdout(out)
          .stderr(err)
          .artifacts(collected.artifacts())
          .backend(BACKEND)
          .limits(java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  new LimitEnforcement("time_sec", spec.limits().time().toSeconds(), "scripted deadline"),
                  LimitEnforcement.notEnforced("memory_mb", spec.limits().memoryMb()),
                  new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(), "threegate capture cap")),
              collected.limits().stream()).toList())
          .network(network)
          .anomalies(collected.anomalies())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String permissions(Path path) {
    try {
      String file = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
      String dir = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent()));
      return file.contains("w") || dir.contains("w") ? "writable" : "read-only";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CapturedStream capture(ExecutionSpec spec, String name, byte[] bytes) throws IOException {
    try (StreamCapture capture = StreamCapture.open(spec.scratchDir().resolve(name), spec.limits().maxOutputBytes(), () -> {})) {
      for (int at = 0; at < bytes.length; at += 8192) {
        capture.write(bytes, at, Math.min(8192, bytes.length - at));
      }
      capture.close();
      return capture.result();
    }
  }

  @Override
  public BackendInfo backend() {
    return BACKEND;
  }
}
