/** Tool Requests: the typed model and the parser that reads the Markdown format. */
package dev.threegate.request;
