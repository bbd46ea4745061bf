// Entry of the report thread (reportThread.ts): threads do not inherit tsx's hooks, so load them, then the thread.
import { register } from "tsx/esm/api"

register()
await import("./reportThreadMain.ts")
