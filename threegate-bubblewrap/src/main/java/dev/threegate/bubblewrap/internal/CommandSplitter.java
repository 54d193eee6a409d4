package dev.threegate.bubblewrap.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into argv without a shell: words separated by spaces and tabs, {@code
 * '…'} and {@code "…"} quote literally (no escapes, no expansion). The policy has already refused
 * every other shell syntax; anything else is reported, never interpreted.
 */
public final class CommandSplitter {
  private CommandSplitter() {}

  /**
   * Splits a command.
   *
   * @param command the command line
   * @return the argv, at least one word
   * @throws IllegalArgumentException for an unbalanced quote or an empty command
   */
  public static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced " + quote + " quote in the command");
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("the command is empty");
    }
    return words;
  }
}
