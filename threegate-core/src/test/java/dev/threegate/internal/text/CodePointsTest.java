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

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodePointsTest {
  @ParameterizedTest(name = "U+{0}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
          # code point | control | bidi | forbidden | one line | invisible | mark
          0000  | true  | false | true  | true  | true  | false
          0008  | true  | false | true  | true  | true  | false
          0009  | true  | false | false | true  | true  | false
          000A  | true  | false | false | true  | true  | false
          000D  | true  | false | false | true  | true  | false
          001F  | true  | false | true  | true  | true  | false
          0020  | false | false | false | false | false | false
          0041  | false | false | false | false | false | false
          007E  | false | false | false | false | false | false
          007F  | true  | false | true  | true  | true  | false
          0080  | true  | false | true  | true  | true  | false
          0085  | true  | false | true  | true  | true  | false
          009F  | true  | false | true  | true  | true  | false
          00A0  | false | false | false | false | true  | false
          00AD  | false | false | false | false | true  | false
          0300  | false | false | false | false | false | true
          034F  | false | false | false | false | true  | true
          061C  | false | false | false | false | true  | false
          0903  | false | false | false | false | false | true
          200A  | false | false | false | false | true  | false
          200B  | false | false | true  | true  | true  | false
          200D  | false | false | true  | true  | true  | false
          200E  | false | true  | true  | true  | true  | false
          200F  | false | true  | true  | true  | true  | false
          2010  | false | false | false | false | false | false
          2027  | false | false | false | false | false | false
          2028  | false | false | true  | true  | true  | false
          2029  | false | false | true  | true  | true  | false
          202A  | false | true  | true  | true  | true  | false
          202E  | false | true  | true  | true  | true  | false
          202F  | false | false | false | false | true  | false
          205F  | false | false | false | false | true  | false
          2060  | false | false | true  | true  | true  | false
          2064  | false | false | true  | true  | true  | false
          2065  | false | false | true  | true  | true  | false
          2066  | false | true  | true  | true  | true  | false
          2069  | false | true  | true  | true  | true  | false
          206A  | false | false | false | false | true  | false
          20DD  | false | false | false | false | false | true
          FEFF  | false | false | true  | true  | true  | false
          FFF8  | false | false | false | false | true  | false
          FFF9  | false | false | true  | true  | true  | false
          FFFB  | false | false | true  | true  | true  | false
          FFFC  | false | false | false | false | false | false
          E0001 | false | false | false | false | true  | false
          1F600 | false | false | false | false | false | false
          """)
  void classifiesTheBoundaries(
      String hex, boolean control, boolean bidi, boolean forbidden, boolean oneLine, boolean invisible, boolean mark) {
    int cp = Integer.parseInt(hex, 16);
    assertThat(CodePoints.isControl(cp)).as("control").isEqualTo(control);
    assertThat(CodePoints.isBidiControl(cp)).as("bidi").isEqualTo(bidi);
    assertThat(CodePoints.isForbidden(cp)).as("forbidden").isEqualTo(forbidden);
    assertThat(CodePoints.isForbiddenOnOneLine(cp)).as("forbidden on one line").isEqualTo(oneLine);
    assertThat(CodePoints.isInvisible(cp)).as("invisible").isEqualTo(invisible);
    assertThat(CodePoints.isMark(cp)).as("mark").isEqualTo(mark);
    String text = "a" + Character.toString(cp) + "b";
    assertThat(CodePoints.firstForbidden(text)).as("first forbidden").isEqualTo(forbidden ? cp : -1);
    assertThat(CodePoints.firstInvisible(text)).as("first invisible").isEqualTo(invisible ? cp : -1);
  }

  /** The rules as they stood before there was one classifier: every code point is judged the same. */
  @Test
  void judgesEveryCodePointAsTheRulesItReplaces() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      boolean forbidden = cp < 0x20
          ? cp != '\t' && cp != '\n' && cp != '\r'
          : cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E)
              || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
      int type = Character.getType(cp);
      if (CodePoints.isForbidden(cp) != forbidden
          || CodePoints.isForbiddenOnOneLine(cp) != (cp < 0x20 || forbidden)
          || CodePoints.isControl(cp) != Character.isISOControl(cp)
          || CodePoints.isMark(cp) != (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
              || type == Character.COMBINING_SPACING_MARK)
          || (CodePoints.isBidiControl(cp) && !forbidden)
          || (forbidden && !CodePoints.isInvisible(cp))) {
        throw new AssertionError(String.format("U+%04X is judged otherwise", cp));
      }
    }
  }
}
