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
package dev.threegate.benchmarks.ratios;

import java.util.Locale;

/**
 * One line of the ratios table: what was measured, against what, the target and whether it held.
 *
 * @param measure what was measured, in a few words
 * @param value the measured figure (a ratio, or a time in {@code unit})
 * @param unit {@code "x"} for a ratio, else the unit of {@code value} ({@code "ms"}, {@code "calls"})
 * @param comparedWith the baseline and its own figure, in words
 * @param target the target, as printed ({@code "<= 1.5x"}, {@code "<= 5 ms"})
 * @param met whether the value is at or beyond the target
 * @param cause when not met: the gap's measured cause; else empty
 */
public record Ratio(String measure, double value, String unit, String comparedWith, String target, boolean met, String cause) {
  /** The figure as printed: two decimals for ratios and times; {@code not measured} for NaN. */
  public String figure() {
    if (Double.isNaN(value)) {
      return "not measured";
    }
    return String.format(Locale.ROOT, unit.equals("x") ? "%.2fx" : "%.2f %s", value, unit);
  }
}
