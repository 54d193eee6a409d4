/** Moving rejected requests and results aside with the reasons. */
package dev.threegate.quarantine;
