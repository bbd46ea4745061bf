/** A one-line progress bar on stderr when it is a terminal; silent otherwise. */
export const progressBar = (total: number, enabled: boolean) => {
  let last = -1
  return {
    update: (done: number) => {
      if (!enabled || done === last) return
      last = done
      const width = 30
      const filled = total === 0 ? width : Math.round((done / total) * width)
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} articles`)
    },
    finish: () => {
      if (enabled) process.stderr.write("\n")
    },
  }
}
