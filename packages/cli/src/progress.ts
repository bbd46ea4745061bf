/** A one-line progress bar on stderr when it is a terminal; silent otherwise. */
export const progressBar = (_total: number, enabled: boolean, unit = "articles") => {
  let last = -1
  let shown = false
  return {
    update: (done: number, total: number) => {
      if (!enabled || done === last) return
      last = done
      shown = true
      const width = 30
      const filled = total === 0 ? width : Math.round((done / total) * width)
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${unit}`)
    },
    /** Takes the bar off its line (before another line is printed there); the next update draws it again. */
    clear: () => {
      if (!enabled || !shown) return
      process.stderr.write("\r\x1b[K")
      last = -1
    },
    finish: () => {
      if (enabled && shown) process.stderr.write("\n")
    },
  }
}
