/** Tool Results: writing them, reading them back, and checking them before they are trusted. */
package dev.threegate.result;
