#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a clone needs `npm ci` and nothing else.
import { register } from "tsx/esm/api"

register()
await import("../src/main.ts")
