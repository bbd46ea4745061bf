import { franc } from "./franc.js"

const ISO_639_1: Record<string, string> = {
  eng: "en", spa: "es", por: "pt", fra: "fr", deu: "de", ita: "it", nld: "nl", pol: "pl", tur: "tr", ron: "ro",
  hun: "hu", ces: "cs", swe: "sv", rus: "ru", ukr: "uk", bel: "be", bul: "bg", kaz: "kk", arb: "ar", urd: "ur",
  pes: "fa", hin: "hi", mar: "mr", npi: "ne", ind: "id", zlm: "ms", vie: "vi", jav: "jv", sun: "su", swh: "sw",
  hau: "ha", yor: "yo", ibo: "ig", zul: "zu", som: "so", kin: "rw", tgl: "tl", hrv: "hr", srp: "sr", bos: "bs",
  uzn: "uz", azj: "az", ckb: "ku", cmn: "zh", jpn: "ja", kor: "ko", ell: "el", heb: "he", tha: "th", ben: "bn",
  tam: "ta", tel: "te", kan: "kn", mal: "ml", guj: "gu", pan: "pa", kat: "ka", hye: "hy", amh: "am", khm: "km",
  lao: "lo", mya: "my", sin: "si", pbu: "ps", nya: "ny", plt: "mg", lin: "ln", run: "rn", ceb: "ceb",
}

const MIN_CHARS = 120

/** The ISO 639-1 code of the text's language, or null when the text is too short to tell or the language has no code. */
export const detectLanguage = (text: string, declared: string | null): string | null => {
  const sample = text.length > 1200 ? text.slice(0, 1200) : text
  // Below a few sentences trigram statistics guess more than they know.
  const guessed = sample.length >= MIN_CHARS ? franc(sample, MIN_CHARS) : "und"
  const code = ISO_639_1[guessed] ?? null
  const declaredCode = declared ? (/^([a-z]{2,3})(?:[-_]|$)/i.exec(declared.trim())?.[1]?.toLowerCase() ?? null) : null
  // A page's declared language stands in only when the text is too short to judge: templates often declare "en" whatever the text.
  if (code === null && sample.length < MIN_CHARS && declaredCode?.length === 2) return declaredCode
  return code
}
