package dev.threegate.benchmarks;

import dev.threegate.testkit.ToolRequests;
import java.nio.charset.StandardCharsets;

/** The requests the benchmarks use: a typical one and a large one of about 200 KiB. */
final class Fixtures {
  private Fixtures() {}

  /** A typical request: one input, one expected output, a short risk assessment. */
  static byte[] typical() {
    return ToolRequests.valid()
        .requestId("TR-20261126-120000Z-csv-stats")
        .command("python3 /in/stats.py --in /in/data.csv --out /out/stats.json")
        .input("data.csv", "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7")
        .input("stats.py", "9f86d081884c7d659a2feb0e1c7ac5c9f0f2e1d6b9a0a0f3ee9b0d3c8a1e2f4b")
        .output("/out/stats.json", "mean, median, stdev per column")
        .toBytes();
  }

  /** A request of about 200 KiB: the typical one with a long risk assessment. */
  static byte[] large() {
    StringBuilder risk = new StringBuilder("Risk level: medium\n");
    while (risk.length() < 200 * 1024) {
      risk.append("Justification: every column is summarised; no row leaves the sandbox; the output is a small JSON file.\n");
    }
    byte[] bytes = ToolRequests.valid()
        .requestId("TR-20261126-120000Z-large")
        .command("python3 /in/stats.py --in /in/data.csv --out /out/stats.json")
        .input("data.csv", "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7")
        .output("/out/stats.json", "mean, median, stdev per column")
        .riskAssessment(risk.toString())
        .toBytes();
    if (bytes.length < 190 * 1024) {
      throw new IllegalStateException("the large request has only " + bytes.length + " bytes");
    }
    return bytes;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
