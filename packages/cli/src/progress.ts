/** A one-line progress bar on stderr when it is a terminal; silent otherwise. */
export const progressBar = (_total: number, enabled: boolean) => {
  let last = -1
  let shown = false
  return {
    update: (done: number, total: number) => {
      if (!enabled || done === last) return
      last = done
      shown = true
      const width = 30
      const filled = total === 0 ? width : Math.round((done / total) * width)
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} articles`)
    },
    finish: () => {
      if (enabled && shown) process.stderr.write("\n")
    },
  }
}
