// Entry of an analysis thread (analysisThreads.ts): threads do not inherit tsx's hooks, so load them, then the core.
import { register } from "tsx/esm/api"

register()
await import("./analysisThread.ts")
