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
package dev.threegate.era.internal;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what ERA's {@code agent} printed: log lines {@code <RFC3339> <LEVEL> <message> key=value …}
 * on stdout (DEBUG, INFO, WARN) and stderr (ERROR), and its plain-text refusals.
 */
public final class AgentLog {
  private static final Pattern ID = Pattern.compile("\\bid=(\\S+)");
  private static final Pattern EXIT_CODE = Pattern.compile("\\bexit_code=(-?[0-9]{1,10})\\b");
  private static final Pattern ERROR = Pattern.compile("^\\S+ ERROR (.*)$", Pattern.MULTILINE);
  private static final Pattern LOG_LINE =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9:]+) (?:DEBUG|INFO|WARN|ERROR) [^\\n]*");
  private static final String SINGLETON = "another instance of agent is already running";
  private static final Pattern KRUNVM =
      Pattern.compile("No VM found with name|Couldn't acquire lock file|re-run krunvm inside a \"buildah unshare\" session");

  private final String stdout;
  private final String stderr;

  /**
   * Wraps agent's output.
   *
   * @param stdout what agent printed on stdout
   * @param stderr what agent printed on stderr
   */
  public AgentLog(String stdout, String stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The VM id from {@code vm create}'s {@code INFO vm created … id=…} line. */
  public Optional<String> vmId() {
    Matcher m = ID.matcher(stdout);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The guest's exit code from {@code vm run}'s log line. */
  public OptionalInt exitCode() {
    Matcher m = EXIT_CODE.matcher(stdout + "\n" + stderr);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * Whether a text holds nothing but agent's log lines ({@code <RFC3339> <LEVEL> <message>…}).
   *
   * @param text some of agent's output
   * @return true when every line is a log line (also for an empty text)
   */
  public static boolean onlyLogLines(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      return false;
    }
    for (int start = 0, end; start < text.length(); start = end + 1) {
      end = text.indexOf('\n', start);
      if (!LOG_LINE.matcher(text).region(start, end).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether agent refused because another agent runs on this machine. */
  public boolean refusedAsSingleton() {
    return stderr.contains(SINGLETON);
  }

  /** Whether agent could not find krunvm. */
  public boolean krunvmMissing() {
    String all = stdout + stderr;
    return all.contains("krunvm") && all.contains("executable file not found");
  }

  /** Whether a guest's stdout file holds krunvm's failure text (an infrastructure failure). */
  public static boolean isKrunvmFailure(String guestStdout) {
    return KRUNVM.matcher(guestStdout).find();
  }

  /** The ERROR lines and other stderr text, for a message. */
  public String errors() {
    StringBuilder out = new StringBuilder();
    Matcher m = ERROR.matcher(stderr);
    while (m.find()) {
      out.append(out.length() == 0 ? "" : "; ").append(m.group(1));
    }
    String text = out.length() > 0 ? out.toString() : stderr.strip();
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }
}
