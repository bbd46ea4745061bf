import type { ChildProcess } from "node:child_process"

/** Sends SIGTERM to each child still running and resolves once every one has exited. */
export const stopChildren = (children: readonly ChildProcess[]): Promise<void> =>
  Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve()
          child.once("exit", () => resolve())
          child.kill("SIGTERM")
        }),
    ),
  ).then(() => undefined)
