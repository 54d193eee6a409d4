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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A public value that can grow is built with a builder, not a public constructor of many
 * components: each new component of such a constructor (or of a public record, whose canonical
 * constructor is public) breaks every caller.
 */
class EvolvableValuesTest {
  /** The most components a public record or a public constructor may have. */
  private static final int MAX_COMPONENTS = 4;

  @Test
  void noPublicRecordOrConstructorTakesManyComponents() throws Exception {
    List<String> offences = new ArrayList<>();
    int checked = 0;
    for (Class<?> anchor : PublicApiTest.MODULE_ANCHORS) {
      for (String name : PublicApiTest.classNames(anchor)) {
        if (name.contains(".internal.")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, anchor.getClassLoader());
        if (!isPubliclyVisible(type)) {
          continue;
        }
        checked++;
        if (type.isRecord() && type.getRecordComponents().length > MAX_COMPONENTS) {
          offences.add(name + ": a record of " + type.getRecordComponents().length + " components");
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          boolean callable = Modifier.isPublic(c.getModifiers())
              || Modifier.isProtected(c.getModifiers()) && !Modifier.isFinal(type.getModifiers());
          if (callable && c.getParameterCount() > MAX_COMPONENTS) {
            offences.add(c.toGenericString());
          }
        }
      }
    }
    assertThat(checked).as("public types checked").isGreaterThan(50);
    assertThat(offences).as("use a builder").isEmpty();
  }

  private static boolean isPubliclyVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }
}
