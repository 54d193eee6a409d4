/** Executing an approved request: executors, what they can honour, and what they report. */
package dev.threegate.exec;
