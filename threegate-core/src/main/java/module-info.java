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
/**
 * ThreeGate core: the Tool Request model and parser, the policy validator, the execution model,
 * the Tool Result writer and validator, signed approvals, and the pipeline that composes them.
 */
module dev.threegate.core {
  requires org.snakeyaml.engine;
  requires org.commonmark;
  requires org.apache.commons.codec;

  exports dev.threegate;
  exports dev.threegate.problem;
  exports dev.threegate.request;
  exports dev.threegate.policy;
  exports dev.threegate.exec;
  exports dev.threegate.result;
  exports dev.threegate.quarantine;
  exports dev.threegate.trust;
  exports dev.threegate.inbox;
}
