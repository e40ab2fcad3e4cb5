// Child-process helpers for the test host: run a command to completion, and end a process
// together with every descendant it started (code-server leaves fileWatcher children behind
// if only the parent is signalled).
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

/**
 * Runs `command args` and resolves with its exit code. Output goes to the terminal when
 * `logFile` is not given, else to that file (so long installs do not flood the test log).
 */
export function runCommand(command, args, { cwd, env, logFile } = {}) {
  return new Promise((resolvePromise, reject) => {
    const toFile = logFile !== undefined;
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: toFile ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    if (toFile) {
      const out = createWriteStream(logFile, { flags: 'a' });
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.on('close', () => out.end());
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  });
}

/** Last `lines` lines of a text file, or '' when it cannot be read. */
export function tailOf(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function parentOf(pid) {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(afterComm[1]);
  } catch {
    return -1;
  }
}

/** Every live descendant of `rootPid` (children, grandchildren, ...), read from /proc. */
export function descendantPids(rootPid) {
  const childrenOf = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = parentOf(pid);
    if (ppid <= 0) continue;
    const list = childrenOf.get(ppid) ?? [];
    list.push(pid);
    childrenOf.set(ppid, list);
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const child of childrenOf.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited already; only its parent's wait() is missing.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends `rootPid` and all its descendants by PID: SIGTERM first, SIGKILL for whatever is still
 * alive after `graceMs`. The PID list is taken before signalling, because children re-parent to
 * init once their parent dies and could no longer be found through it.
 * Returns the PIDs that had to be killed with SIGKILL.
 */
export async function killProcessTree(rootPid, graceMs = 5000) {
  const pids = [rootPid, ...descendantPids(rootPid)];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await sleep(100);
  // Descendants may have spawned more children while shutting down: collect those too.
  const late = pids.filter(isAlive).flatMap((pid) => [pid, ...descendantPids(pid)]);
  for (const pid of late) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return late;
}
