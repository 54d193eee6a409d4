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
package dev.threegate.internal.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names the gate derives files from: request ids and result ids. */
public final class Names {
  /** What a request id must look like: it becomes part of file names. */
  public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Names() {}

  /**
   * Whether a request id is safe to use in a file name.
   *
   * @param id the id
   * @return {@code true} when it matches {@link #REQUEST_ID} and holds no {@code ..}
   */
  public static boolean isSafeRequestId(String id) {
    return REQUEST_ID.matcher(id).matches() && !id.contains("..");
  }

  /**
   * The result id for a request written at an instant: {@code TS-YYYYMMDD-HHMMSSZ-<request_id>}.
   *
   * @param created when the result is written
   * @param requestId a safe request id
   * @return the result id
   */
  public static String resultId(Instant created, String requestId) {
    if (!isSafeRequestId(requestId)) {
      throw new IllegalArgumentException("unsafe request id: " + Text.printable(requestId));
    }
    return "TS-" + STAMP.format(created) + "-" + requestId;
  }

  private static final Pattern RESULT_FILE = Pattern.compile("TS-[0-9]{8}-[0-9]{6}Z-(.+)\\.md");

  /**
   * The request id of a Tool Result file name, {@code TS-YYYYMMDD-HHMMSSZ-<request_id>.md}.
   *
   * @param fileName a file name
   * @return the request id, or empty when the name is not a Tool Result's
   */
  public static Optional<String> requestIdOfResultFile(String fileName) {
    Matcher m = RESULT_FILE.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
