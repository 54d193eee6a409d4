/** The gate as a whole: the pipeline that composes the stages, its outcomes and listener. */
package dev.threegate;
