package dev.threegate.request;

/**
 * The resource limits a request asks for, as written. The values are not checked here: a policy
 * decides which are acceptable (see {@code PolicyValidator}).
 *
 * @param cpu virtual CPUs ({@code cpu_limit})
 * @param memoryMb memory in MiB ({@code memory_limit_mb})
 * @param timeSec wall-clock time in seconds ({@code time_limit_sec})
 */
public record ResourceLimits(long cpu, long memoryMb, long timeSec) {}
