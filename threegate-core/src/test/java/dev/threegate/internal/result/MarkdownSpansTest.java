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
package dev.threegate.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.CapturedStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inline code spans and excerpts exactly as rendered: each padding rule alone, and each way an excerpt is partial. */
class MarkdownSpansTest {
  @Test
  void aSpanIsPaddedWhenItsTextStartsOrEndsWithABacktickOrASpaceAndOnlyThen() {
    assertThat(Markdown.code("`a")).isEqualTo("`` `a ``");
    assertThat(Markdown.code("a`")).isEqualTo("`` a` ``");
    assertThat(Markdown.code(" a")).isEqualTo("`  a `");
    assertThat(Markdown.code("a ")).isEqualTo("` a  `");
    assertThat(Markdown.code("a b")).isEqualTo("`a b`");
    assertThat(Markdown.code("a`b``c")).isEqualTo("```a`b``c```");
    assertThat(Markdown.code("")).isEqualTo("(empty)");
  }

  private static CapturedStream stream(String head, long bytes, long lines, boolean truncated) {
    byte[] text = head.getBytes(StandardCharsets.UTF_8);
    return CapturedStream.builder().file(Path.of("unused")).sha256("5".repeat(64)).bytes(bytes).lines(lines).head(text)
        .truncated(truncated).build();
  }

  @Test
  void anExcerptIndentsEachLineLeavesBlankLinesEmptyAndIsCompleteOnlyWhenItHoldsTheWholeStream() {
    Markdown.Excerpt whole = Markdown.excerpt(stream("a\n \nb\nc", 7, 4, false));
    assertThat(whole.lines()).containsExactly("    a", "", "    b", "    c");
    assertThat(whole.complete()).isTrue();
    assertThat(Markdown.excerpt(stream("a\n", 3, 2, false)).complete()).as("the head is shorter than the stream").isFalse();
    assertThat(Markdown.excerpt(stream("a\n", 2, 1, true)).complete()).as("cut at the cap").isFalse();
    assertThat(Markdown.excerpt(stream("a\n", 2, 1, false))).isEqualTo(new Markdown.Excerpt(List.of("    a"), true));
  }
}
