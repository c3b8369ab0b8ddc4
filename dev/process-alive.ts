// For scripts that start and stop servers (dev/chaos.ts, e2e/stack.ts): whether a process, or
// a process group, still exists. EPERM means it exists but belongs to someone else.

/** Whether `pid` (with `group`, the process group `pid`) still exists. */
export function alive(pid: number, group = false): boolean {
  try {
    process.kill(group ? -pid : pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
