// The JSON line a measuring child prints: its result, its peak RSS, and its
// CPU time — the whole process's and the main thread's alone (the thread
// that receives the body; on Linux, from /proc). CPU seconds per GiB hold up
// on a loaded machine far better than wall time.
import { readFileSync } from 'node:fs';

function mainThreadCpuSeconds() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

let startMain = mainThreadCpuSeconds();
let startProcess = process.cpuUsage();

/** Starts the CPU count here (after imports): call it where the timed work begins. */
export function startCpuCount() {
  startMain = mainThreadCpuSeconds();
  startProcess = process.cpuUsage();
}

export function report(result) {
  const used = process.cpuUsage(startProcess);
  const main = mainThreadCpuSeconds();
  console.log(
    JSON.stringify({
      ...result,
      peakRssBytes: process.resourceUsage().maxRSS * 1024, // maxRSS is in KiB
      processCpuSeconds: (used.user + used.system) / 1e6,
      ...(main !== undefined && startMain !== undefined ? { mainThreadCpuSeconds: main - startMain } : {}),
    }),
  );
}
