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
package dev.threegate.internal.yaml;

import dev.threegate.internal.text.CodePoints;
import dev.threegate.internal.text.Text;
import dev.threegate.problem.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Loads one small YAML document into a {@link YamlNode} tree without ever constructing objects
 * from tags: the event stream is read directly, so anchors, aliases, explicit tags, duplicate keys,
 * non-scalar keys, several documents and deep nesting are reported as problems (each with its line)
 * instead of being resolved. Plain scalars that YAML readers of different versions read differently
 * ({@code 010}, {@code yes}, {@code 1:30}, {@code 2026-11-26}) are refused too, unless the caller
 * {@linkplain PlainScalars#ANY accepts them}. Parsing is iterative and stops at the first syntax
 * error or when the nesting limit is reached, and each kind of problem is reported at most five
 * times, so no input can make it hang or exhaust memory.
 */
public final class SafeYaml {
  /** The deepest nesting of collections accepted. */
  public static final int MAX_DEPTH = 8;

  /**
   * Immutable loader settings. The code point limit is a backstop: callers bound their documents
   * (requests to 256 KiB, results to 8 MiB) before YAML sees them.
   */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setLabel("front matter")
          .setAllowDuplicateKeys(false)
          .setAllowRecursiveKeys(false)
          .setMaxAliasesForCollections(0)
          .setCodePointLimit(16 * 1024 * 1024)
          .setParseComments(false)
          .setUseMarks(true)
          .build();
  private static final int MAX_PER_CODE = 5;

  private SafeYaml() {}

  /**
   * The tree and the problems found.
   *
   * @param root the document's root node; empty when there is no usable document
   * @param problems every problem, in source order
   */
  public record Result(Optional<YamlNode> root, List<Violation> problems) {
    /**
     * Checks and copies the components.
     *
     * @param root the document's root node; empty when there is no usable document 
     * @param problems every problem, in source order
     */
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /** Which plain (unquoted) scalars a document may hold. */
  public enum PlainScalars {
    /**
     * Only those that YAML 1.1 and YAML 1.2 readers read alike; any other, such as {@code 010},
     * {@code yes} or {@code 1:30}, is a {@code format.yaml_ambiguous} problem: the author must
     * quote it. For documents that people write and approve: requests and policy files.
     */
    UNAMBIGUOUS,
    /** All of them, kept as text. */
    ANY
  }

  /**
   * Loads a document, refusing {@linkplain PlainScalars#UNAMBIGUOUS ambiguous plain scalars}.
   *
   * @param text the YAML text
   * @param firstLine the 1-based line of the text's first line in the enclosing file
   * @return the tree and the problems
   */
  public static Result load(String text, int firstLine) {
    return load(text, firstLine, PlainScalars.UNAMBIGUOUS);
  }

  /**
   * Loads a document.
   *
   * @param text the YAML text
   * @param firstLine the 1-based line of the text's first line in the enclosing file
   * @param plainScalars which plain scalars are accepted
   * @return the tree and the problems
   */
  public static Result load(String text, int firstLine, PlainScalars plainScalars) {
    return new Loader(firstLine, plainScalars).run(text);
  }

  private static final class Loader {
    private final int firstLine;
    private final PlainScalars plainScalars;
    private final List<Violation> problems = new ArrayList<>();
    private final Map<String, Integer> perCode = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private YamlNode root;
    private int documents;
    private ScalarEvent lastScalar;

    Loader(int firstLine, PlainScalars plainScalars) {
      this.firstLine = firstLine;
      this.plainScalars = plainScalars;
    }

    Result run(String text) {
      try {
        Iterator<Event> events = new ParserImpl(SETTINGS, new StreamReader(SETTINGS, text));
        while (events.hasNext()) {
          Event event = events.next();
          if (event instanceof ScalarEvent scalar) {
            lastScalar = scalar;
          }
          if (!accept(event)) {
            break;
          }
        }
      } catch (MarkedYamlEngineException e) {
        syntaxError(e);
        return new Result(Optional.empty(), problems);
      } catch (YamlEngineException | IllegalStateException e) {
        problem("format.yaml_syntax", firstLine, "YAML error: " + oneLine(e.getMessage()));
        return new Result(Optional.empty(), problems);
      }
      return new Result(Optional.ofNullable(root), problems);
    }

    /** Handles one event; returns false to stop reading. */
    private boolean accept(Event event) {
      int line = event.getStartMark().map(this::line).orElse(firstLine);
      switch (event.getEventId()) {
        case DocumentStart -> {
          documents++;
          if (documents > 1) {
            problem("format.yaml_multiple_documents", line, "front matter holds more than one YAML document");
            return false;
          }
        }
        case Alias -> {
          problem(
              "format.yaml_alias",
              line,
              "YAML alias *" + ((AliasEvent) event).getAlias().getValue() + " is not allowed");
          add(new YamlNode.Scalar("", true, line));
        }
        case Scalar -> {
          ScalarEvent scalar = (ScalarEvent) event;
          checkNodeEvent(scalar, scalar.getTag(), line);
          int control = CodePoints.firstForbidden(scalar.getValue());
          if (control >= 0 || scalar.getValue().indexOf('\r') >= 0) {
            problem(
                "format.control_character",
                line,
                String.format(
                    "a YAML value holds control or invisible formatting character U+%04X (written as an escape)",
                    control >= 0 ? control : '\r'));
          }
          if (scalar.isPlain() && plainScalars == PlainScalars.UNAMBIGUOUS) {
            PlainScalarReadings.disagreement(scalar.getValue())
                .ifPresent(d -> problem("format.yaml_ambiguous", line, d + "; put it in quotes"));
          }
          add(new YamlNode.Scalar(scalar.getValue(), scalar.isPlain(), line));
        }
        case SequenceStart, MappingStart -> {
          CollectionStartEvent start = (CollectionStartEvent) event;
          checkNodeEvent(start, start.getTag(), line);
          if (stack.size() >= MAX_DEPTH) {
            problem(
                "format.yaml_too_deep",
                line,
                "YAML nesting deeper than " + MAX_DEPTH + " levels");
            return false;
          }
          stack.push(new Frame(start instanceof MappingStartEvent, line));
        }
        case SequenceEnd, MappingEnd -> {
          Frame frame = stack.pop();
          add(frame.build());
        }
        default -> {
          // stream and document boundaries, comments: nothing to build
        }
      }
      return true;
    }

    private void checkNodeEvent(NodeEvent event, Optional<String> tag, int line) {
      event
          .getAnchor()
          .ifPresent(a -> problem("format.yaml_anchor", line, "YAML anchor &" + a.getValue() + " is not allowed"));
      tag.ifPresent(t -> problem("format.yaml_tag", line, "YAML tag " + t + " is not allowed"));
    }

    private void add(YamlNode node) {
      Frame parent = stack.peek();
      if (parent == null) {
        if (root == null) {
          root = node;
        }
      } else {
        parent.add(node);
      }
    }

    /**
     * A syntax error on the line of the mistake. The parser notices an unfinished construct (a
     * quote, a flow collection or a key left open) only where it runs out, often lines below;
     * its context mark is where that construct began, which is the author's mistake. For a block
     * collection the context is the collection's start and the problem mark the offending line.
     */
    private void syntaxError(MarkedYamlEngineException e) {
      String context = e.getContext() == null ? "" : e.getContext();
      boolean unfinished = e.getContextMark().isPresent()
          && (context.startsWith("while scanning") || context.startsWith("while parsing a flow"));
      Optional<Integer> noticed = e.getProblemMark().map(this::line);
      int line = (unfinished ? e.getContextMark() : e.getProblemMark().or(e::getContextMark)).map(this::line).orElse(firstLine);
      String message = "YAML syntax error: " + oneLine(e.getProblem());
      if (unfinished && noticed.isPresent() && noticed.get() != line) {
        message += " on line " + noticed.get() + ", " + oneLine(context) + " that begins on line " + line;
      }
      // A quote left open swallows the lines below up to the next quote: the error shows there.
      ScalarEvent quoted = lastScalar;
      if (!unfinished && noticed.isPresent() && quoted != null && !quoted.isPlain()
          && quoted.getStartMark().isPresent() && quoted.getEndMark().isPresent()) {
        int start = line(quoted.getStartMark().get());
        int end = line(quoted.getEndMark().get());
        if (start < end && end == noticed.get()) {
          line = start;
          message += " on line " + end + ", after a quoted value that begins on line " + start
              + " and runs to line " + end + ": is its closing quote missing?";
        }
      }
      problem("format.yaml_syntax", line, message);
    }

    private int line(Mark mark) {
      return firstLine + mark.getLine();
    }

    private void problem(String code, int line, String message) {
      int sameCode = perCode.merge(code, 1, Integer::sum);
      if (sameCode <= MAX_PER_CODE) {
        problems.add(new Violation(code, "line " + line, message));
      }
    }

    private final class Frame {
      private final boolean mapping;
      private final int line;
      private final List<YamlNode> items = new ArrayList<>();
      private final List<YamlNode.Entry> entries = new ArrayList<>();
      private final Map<String, Integer> keyLines = new HashMap<>();
      private YamlNode pendingKey;

      Frame(boolean mapping, int line) {
        this.mapping = mapping;
        this.line = line;
      }

      void add(YamlNode node) {
        if (!mapping) {
          items.add(node);
        } else if (pendingKey == null) {
          pendingKey = node;
        } else {
          YamlNode key = pendingKey;
          pendingKey = null;
          if (!(key instanceof YamlNode.Scalar scalar)) {
            problem("format.yaml_complex_key", key.line(), "a mapping key must be a plain text, not " + key.kind());
            return;
          }
          Integer first = keyLines.putIfAbsent(scalar.value(), scalar.line());
          if (first != null) {
            problem(
                "format.yaml_duplicate_key",
                scalar.line(),
                "duplicate key '" + Text.printable(scalar.value()) + "' (first on line " + first + ")");
            return;
          }
          entries.add(new YamlNode.Entry(scalar.value(), scalar.line(), node));
        }
      }

      YamlNode build() {
        return mapping ? new YamlNode.Mapping(entries, line) : new YamlNode.Sequence(items, line);
      }
    }
  }

  private static String oneLine(String text) {
    return text == null ? "unknown" : text.replaceAll("\\s+", " ").trim();
  }
}
