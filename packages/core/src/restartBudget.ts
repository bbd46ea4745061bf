/** Threads started in place of dead ones, per minute, at most: no crash loop (extraction's and the report's threads). */
export const THREAD_RESTARTS_PER_MINUTE = 3

/**
 * A rolling minute's allowance of restarts: `take` says whether one more is allowed now (and counts it), false once
 * `limit` were taken in the last 60 seconds.
 */
export const restartBudget = (limit: number, now: () => number = Date.now) => {
  const taken: number[] = []
  return {
    take: (): boolean => {
      const at = now()
      while (taken.length > 0 && at - taken[0]! > 60_000) taken.shift()
      if (taken.length >= limit) return false
      taken.push(at)
      return true
    },
  }
}
