// Small statistics for the benchmark: medians over repeated runs, after warm-up.

export function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits)));

/** Summary of samples in ms: median, min, max, n (rounded to 0.1 ms). */
export function summary(samples) {
  if (!samples.length) return null;
  return { medianMs: round(median(samples), 2), minMs: round(Math.min(...samples), 2), maxMs: round(Math.max(...samples), 2), n: samples.length };
}

/** Runs `fn` `warmup` times untimed, then `reps` times timed; returns the summary. */
export function timeIt(fn, reps, warmup = Math.min(3, reps)) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // CPU time (all threads of the process, so GC helpers count) is what a busy machine disturbs least
  return { ...summary(samples), cpuMedianMs: round(median(cpu), 2) };
}

export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : round(a / b, 2));
