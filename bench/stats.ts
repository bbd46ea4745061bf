import { readFileSync } from "node:fs"

/** The q-quantile (0..1) of a sample, nearest rank. */
export const quantile = (xs: readonly number[], q: number): number => {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}
/** The median; the mean of the two middle values for an even count. */
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Samples this process's RSS every 100 ms; stop() returns the peak in MB. */
export const rssSampler = () => {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  timer.unref()
  return {
    stop: () => {
      clearInterval(timer)
      peak = Math.max(peak, process.memoryUsage().rss)
      return Math.round(peak / 1048576)
    },
  }
}

/** Milliseconds a synchronous call takes. */
export const timeMs = <A>(f: () => A): [A, number] => {
  const t = performance.now()
  const a = f()
  return [a, performance.now() - t]
}

/** CPU time (utime + stime) a live process has used, from /proc (Linux), ms; 0 when it cannot be read. */
export const processCpuMs = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

/** Resident memory of a live process, MB: VmHWM (its peak) or VmRSS (now), from /proc (Linux). */
export const processRssMb = (pid: number, field: "VmHWM" | "VmRSS"): number => {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]
    return Math.round(Number(kb ?? 0) / 1024)
  } catch {
    return 0
  }
}
