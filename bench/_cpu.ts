// CPU time a process has used, for "CPU per send" figures: on a shared 2-core machine a rate also
// measures the neighbours, CPU per send much less so. Linux only (/proc); null elsewhere.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** User + system CPU of these processes so far, in ms; null when /proc cannot say. */
export function cpuMsOf(pids: readonly number[]): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    let ticks = 0;
    for (const pid of pids) {
      // Fields after the command name, which is in brackets and may hold spaces: utime is 14th, stime 15th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return (ticks * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** CPU this process has used so far, in ms. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
