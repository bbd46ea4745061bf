import wabt from "wabt"

/** The WebAssembly binary of a .wat module with SIMD, as wabt compiles it (build time and specs only). */
export const minhashWasmModule = async (wat: string): Promise<Uint8Array> => {
  const w = await wabt()
  const parsed = w.parseWat("minhash.wat", wat, { simd: true })
  try {
    return parsed.toBinary({}).buffer
  } finally {
    parsed.destroy()
  }
}
