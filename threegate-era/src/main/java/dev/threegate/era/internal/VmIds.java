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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ERA's VM ids, {@code <language>-<creation time in Unix nanoseconds>}: which are safe to use as a
 * file name and an argument, and which of those {@code vm list} prints a given {@code vm create}
 * made, when that create ended before it reported its id (killed, interrupted, timed out).
 */
public final class VmIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private VmIds() {}

  /**
   * Whether an id can be used as a directory name and an argument.
   *
   * @param id the id agent printed
   * @return {@code true} for letters, digits, {@code .}, {@code _} and {@code -}, not leading with
   *     a dot or dash, at most 200 characters
   */
  public static boolean isSafe(String id) {
    return SAFE.matcher(id).matches();
  }

  /**
   * The ids in {@code vm list}'s output of VMs of a language created within a time window: agent
   * takes a VM's id from the clock when it creates it, and only one agent runs at a time, so a VM
   * created between the start and the end of a {@code vm create} is that create's.
   *
   * @param listOutput what {@code vm list} printed
   * @param language ERA's language name, such as {@code python}
   * @param from when the create started
   * @param to when it ended
   * @return the ids, in the order printed, without repetition
   */
  public static List<String> createdBetween(String listOutput, String language, Instant from, Instant to) {
    Pattern id = Pattern.compile("(?<![A-Za-z0-9._-])(" + Pattern.quote(language) + "-([0-9]{1,19}))(?![A-Za-z0-9._-])");
    Set<String> found = new LinkedHashSet<>();
    Matcher m = id.matcher(listOutput);
    while (m.find()) {
      try {
        long nanos = Long.parseLong(m.group(2));
        Instant created = Instant.ofEpochSecond(0, nanos);
        if (!created.isBefore(from) && !created.isAfter(to)) {
          found.add(m.group(1));
        }
      } catch (NumberFormatException e) {
        // not an id agent made
      }
    }
    return new ArrayList<>(found);
  }
}
