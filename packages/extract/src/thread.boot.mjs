// Entry of an extraction thread (threads.ts): threads do not inherit tsx's hooks, so load them, then the core.
import { register } from "tsx/esm/api"

register()
await import("./thread.ts")
