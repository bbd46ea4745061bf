/**
 * The do-nothing chain's workers in a process of their own, for runs with several worker processes:
 * `tsx bench/bareChainWorker.ts <prefix>` runs until SIGTERM; prints "ready" once its workers are.
 */
import { bareChainWorkers } from "./bareChain.js"

const prefix = process.argv[2]
if (prefix === undefined) throw new Error("usage: bareChainWorker.ts <prefix>")
const chain = bareChainWorkers(prefix, () => undefined)
await chain.ready
process.stdout.write("ready\n")
process.once("SIGTERM", () => void chain.close().then(() => process.exit(0)))
