import { createHash, timingSafeEqual } from "node:crypto"
import type { MiddlewareHandler } from "hono"
import { getCookie, setCookie } from "hono/cookie"

/** How writes and the dashboard are guarded: a bearer token, or deliberately open. */
export type Guard = { readonly kind: "token"; readonly token: string } | { readonly kind: "open" } | { readonly kind: "closed" }

/** WIREDESK_TOKEN guards; without one, writes stay closed unless the operator said --insecure. */
export const guardFrom = (token: string | undefined, insecure: boolean): Guard =>
  token !== undefined && token.length > 0 ? { kind: "token", token } : insecure ? { kind: "open" } : { kind: "closed" }

export const COOKIE = "wiredesk_token"

const digest = (s: string) => createHash("sha256").update(s).digest()
const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected))

const bearer = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "")
  return m ? m[1]!.trim() : null
}

const refuse = (guard: Guard) =>
  guard.kind === "closed"
    ? { error: "writes are disabled: set WIREDESK_TOKEN (or start with --insecure / WIREDESK_INSECURE=1 on a trusted network)" }
    : { error: "missing or wrong bearer token" }

/** For the API: `Authorization: Bearer <token>`. */
export const requireToken = (guard: Guard): MiddlewareHandler => async (c, next) => {
  if (guard.kind === "open") return next()
  const given = bearer(c.req.header("authorization"))
  if (guard.kind === "token" && given !== null && sameToken(given, guard.token)) return next()
  return c.json(refuse(guard), 401, { "WWW-Authenticate": 'Bearer realm="wiredesk"' })
}

/** For browsers: the bearer header, the cookie, or `?token=` once (it becomes an HttpOnly cookie and leaves the URL). */
export const requireBrowserToken = (guard: Guard, cookiePath: string): MiddlewareHandler => async (c, next) => {
  if (guard.kind === "open") return next()
  if (guard.kind === "closed") return c.json(refuse(guard), 401)
  const fromQuery = c.req.query("token")
  if (fromQuery !== undefined && sameToken(fromQuery, guard.token)) {
    setCookie(c, COOKIE, fromQuery, { path: cookiePath, httpOnly: true, sameSite: "Strict", secure: c.req.url.startsWith("https:") })
    const url = new URL(c.req.url)
    url.searchParams.delete("token")
    return c.redirect(`${url.pathname}${url.search}`, 303)
  }
  const given = bearer(c.req.header("authorization")) ?? getCookie(c, COOKIE) ?? null
  if (given !== null && sameToken(given, guard.token)) return next()
  return c.json(refuse(guard), 401, { "WWW-Authenticate": 'Bearer realm="wiredesk"' })
}
