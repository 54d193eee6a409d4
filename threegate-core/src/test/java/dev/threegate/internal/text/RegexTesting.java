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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A time oracle for regular expressions that a busy machine cannot upset, hostile texts to feed it,
 * and random texts to compare a pattern with the plain form it replaces.
 *
 * <p>{@code java.util.regex} reads its input only through {@link CharSequence#charAt} (and {@code
 * subSequence} for groups), so counting those reads measures its work. A search that runs in linear
 * time reads each character a bounded number of times; a backtracking one reads it about as often as
 * the text is long.
 */
public final class RegexTesting {
  /** The size limit of a request. */
  public static final int SIZE = 256 * 1024;

  /** The most reads per character of the text that one search may make. */
  public static final int READS_PER_CHAR = 64;

  private RegexTesting() {}

  /** A text whose reads are counted; reading past the budget throws, so a quadratic search stops early. */
  private static final class CountedText implements CharSequence {
    private final String text;
    private final int from;
    private final int to;
    private final long[] reads;
    private final long budget;

    CountedText(String text, int from, int to, long[] reads, long budget) {
      this.text = text;
      this.from = from;
      this.to = to;
      this.reads = reads;
      this.budget = budget;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      if (++reads[0] > budget) {
        throw new BudgetSpent();
      }
      return text.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new CountedText(text, from + start, from + end, reads, budget);
    }

    @Override
    public String toString() {
      reads[0] += length();
      return text.substring(from, to);
    }
  }

  private static final class BudgetSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetSpent() {
      super("the budget of reads is spent", null, false, false);
    }
  }

  /**
   * The reads a search makes in a text, counted up to just past {@link #READS_PER_CHAR} per
   * character.
   *
   * @param search what reads the text, such as {@code t -> pattern.matcher(t).find()}
   * @param text the text
   * @return the reads made, more than the budget when the search would have gone on
   */
  public static long reads(Predicate<CharSequence> search, String text) {
    long[] reads = {0};
    try {
      search.test(new CountedText(text, 0, text.length(), reads, budget(text)));
    } catch (BudgetSpent e) {
      // reads[0] is past the budget
    }
    return reads[0];
  }

  /**
   * Whether a search overruns the budget of reads, or the stack (as a plain form's repetition of a
   * group does, recursing once per repetition).
   *
   * @param search what reads the text
   * @param text the text
   * @return {@code true} when the search is not linear on this text
   */
  public static boolean overrunsBudgetOrStack(Predicate<CharSequence> search, String text) {
    try {
      return reads(search, text) > budget(text);
    } catch (StackOverflowError e) {
      return true;
    }
  }

  /**
   * The most reads allowed for a text.
   *
   * @param text the text
   * @return {@link #READS_PER_CHAR} per character
   */
  public static long budget(String text) {
    return (long) READS_PER_CHAR * Math.max(text.length(), 1);
  }

  /**
   * A search for every match of a pattern, so that a search resumed after a match is measured too.
   *
   * @param pattern the pattern
   * @return the search; {@code true} when it found a match
   */
  public static Predicate<CharSequence> findAll(Pattern pattern) {
    return text -> {
      boolean found = false;
      for (var matcher = pattern.matcher(text); matcher.find(); ) {
        found = true;
      }
      return found;
    };
  }

  /**
   * A named hostile text.
   *
   * @param name what it is made of
   * @param text the text
   */
  public record Hostile(String name, String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Hostile texts of {@link #SIZE} characters: each piece repeated, each start followed by its second
   * element repeated, each of them once as is and once ending in {@code _é://@} (characters that end
   * a run of token characters where a word boundary is wanted, then a URL's and an address's marks).
   *
   * @param pieces pieces that make a backtracking pattern try again at every repetition
   * @param starts pairs of a trigger and a piece that makes the pattern read on after it
   * @return the texts
   */
  public static List<Hostile> hostileTexts(List<String> pieces, List<List<String>> starts) {
    List<Hostile> texts = new ArrayList<>();
    for (String ending : List.of("", "_é://@")) {
      for (String piece : pieces) {
        texts.add(hostile("", piece, ending));
      }
      for (List<String> start : starts) {
        texts.add(hostile(start.get(0), start.get(1), ending));
      }
    }
    return texts;
  }

  private static Hostile hostile(String start, String piece, String ending) {
    String text = hostileText(start, piece, SIZE - ending.length()) + ending;
    String shown = piece.length() > 16 ? piece.substring(0, 16) + "…" : piece;
    return new Hostile(visible(start) + " " + visible(shown) + "… " + visible(ending), text);
  }

  /**
   * A start followed by a piece repeated up to a length.
   *
   * @param start the start
   * @param piece the piece
   * @param length the text's length
   * @return the text
   */
  public static String hostileText(String start, String piece, int length) {
    StringBuilder text = new StringBuilder(length + piece.length()).append(start);
    while (text.length() < length) {
      text.append(piece);
    }
    text.setLength(length);
    return text.toString();
  }

  /**
   * Random short texts made of words and separators, two words in three glued by {@code glue}.
   *
   * @param seed the seed
   * @param count how many
   * @param words the words
   * @param glue what most often goes between two words, such as a space
   * @return the texts
   */
  public static List<String> randomTexts(long seed, int count, List<String> words, String glue) {
    List<String> separators = List.of("", "-", ".", "/", ":", "_", "é", "\t", "\n", "\r\n", "\u2028", "  ");
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(10);
      for (int j = 0; j < length; j++) {
        text.append(words.get(random.nextInt(words.size())));
        text.append(random.nextInt(3) == 0 ? separators.get(random.nextInt(separators.size())) : glue);
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /**
   * A text with its line ends and control characters shown.
   *
   * @param text the text
   * @return the text, quoted
   */
  public static String visible(String text) {
    return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\u2028", "\\u2028") + "'";
  }
}
