/** Policies, the validator that judges Tool Requests against them, and its verdicts. */
package dev.threegate.policy;
