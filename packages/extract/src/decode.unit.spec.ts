import iconv from "iconv-lite"
import { describe, expect, it } from "vitest"
import { decodeDocument } from "./decode.js"
import { extractArticle } from "./extract.js"
import { extractFixtureText, received, seedFiles, seedText } from "./fixtures.testing.js"

const german = extractFixtureText("de-semeval-1539386219.txt")
const polish = extractFixtureText("pl-semeval-1483758774.txt")
const page = (charsetMeta: string, text: string) =>
  `<!doctype html><html><head>${charsetMeta}<title>Studie</title></head><body><article>${text
    .split(/(?<=\.)\s+/)
    .map((s) => `<p>${s}</p>`)
    .join("\n")}</article></body></html>`

describe("a page in a legacy charset declared in its meta tags", () => {
  it("decodes ISO-8859-1 declared by <meta charset>", () => {
    const bytes = iconv.encode(page('<meta charset="iso-8859-1">', german), "latin1")
    const outcome = decodeDocument(bytes, { filename: "studie.html" })
    expect(outcome).toMatchObject({ ok: true, format: "html", charset: "windows-1252" })
    if (outcome.ok) expect(outcome.text).toContain("Gleichstellungspoltik sind neun von zehn Menschen weltweit")
  })
  it("decodes windows-1250 declared by <meta http-equiv>, and extraction keeps its letters", () => {
    const bytes = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">', polish), "windows-1250")
    const outcome = decodeDocument(bytes, {})
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.charset).toBe("windows-1250")
    const data = extractArticle(received("pl", outcome.text, outcome.format))
    expect(data.kind === "extracted" && data.data.body).toContain("Podwyżka dla szefa serwisu Netflix.")
    expect(data.kind === "extracted" && data.data.language).toBe("pl")
  })
  it("lets the Content-Type header's charset win", () => {
    const bytes = iconv.encode(german, "latin1")
    const outcome = decodeDocument(bytes, { filename: "studie.txt", contentType: "text/plain; charset=ISO-8859-1" })
    expect(outcome).toMatchObject({ ok: true, format: "text" })
    if (outcome.ok) expect(outcome.text).toBe(german)
  })
  it("reads undeclared Cyrillic bytes as windows-1251", () => {
    const russian = "Посол России в США Анатолий Антонов вылетел в Москву для консультаций."
    const outcome = decodeDocument(iconv.encode(russian, "windows-1251"), { filename: "posol.txt" })
    expect(outcome).toMatchObject({ ok: true, text: russian, charset: "windows-1251" })
  })
  it("reads undeclared bytes that are not UTF-8 as windows-1252", () => {
    const outcome = decodeDocument(iconv.encode(german, "latin1"), { filename: "studie.txt" })
    if (outcome.ok) expect(outcome.text).toBe(german)
    else throw new Error(outcome.reason)
  })
})

describe("a UTF-8 or UTF-16 document", () => {
  it("reads a seed as text", () => {
    const text = seedText(seedFiles()[2]!)
    expect(decodeDocument(new TextEncoder().encode(text), { filename: seedFiles()[2] })).toEqual({ ok: true, text, format: "text", charset: "utf-8" })
  })
  it("drops a byte order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Moscow’s ties")])
    expect(decodeDocument(bytes, {})).toMatchObject({ ok: true, text: "Moscow’s ties" })
  })
  it("decodes UTF-16 with its byte order mark", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode("Russia’s ambassador", "utf-16le")])
    expect(decodeDocument(bytes, {})).toMatchObject({ ok: true, text: "Russia’s ambassador", charset: "utf-16le" })
  })
  it("recognises HTML by its content when the name says nothing", () =>
    expect(decodeDocument(new TextEncoder().encode("<!DOCTYPE html><html><body><p>x</p></body></html>"), {})).toMatchObject({ format: "html" }))
})

describe("bytes that are not a text document", () => {
  it("rejects an empty document", () => expect(decodeDocument(new Uint8Array(), {})).toMatchObject({ ok: false, code: "empty" }))
  it("rejects white space only", () => expect(decodeDocument(new TextEncoder().encode(" \n\t\n"), {})).toMatchObject({ ok: false, code: "empty" }))
  it("rejects NUL bytes as binary", () =>
    expect(decodeDocument(new Uint8Array([0x48, 0x69, 0x00, 0x21]), {})).toMatchObject({ ok: false, code: "binary" }))
  it("rejects a PDF by its signature", () =>
    expect(decodeDocument(new TextEncoder().encode("%PDF-1.7\n1 0 obj"), { filename: "a.txt" })).toMatchObject({ ok: false, code: "binary" }))
  it("rejects bytes full of control characters", () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i * 37) % 256 || 1)
    expect(decodeDocument(bytes, {})).toMatchObject({ ok: false, code: "binary" })
  })
  it("rejects high bytes that are neither UTF-8 nor a legacy charset's text", () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 53) % 0x40))
    expect(decodeDocument(bytes, {})).toMatchObject({ ok: false, code: "invalid" })
  })
  it("rejects a page declared UTF-8 whose bytes are not", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('<meta charset="utf-8">'), ...Array.from({ length: 200 }, (_, i) => 0xc0 + (i % 2) * 0x30)])
    expect(decodeDocument(bytes, {})).toMatchObject({ ok: false, code: "invalid" })
  })
})
