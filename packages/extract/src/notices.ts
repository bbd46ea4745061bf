/**
 * Pages whose text is only what a site tells every reader: a cookie consent banner, a request to turn off an ad
 * blocker, a subscription offer, legal notices. A crawler gets them when the article sits behind the notice; the
 * headline may come with them, the story does not. Kept, two such pages from one site read alike and form a story of
 * their own. Only short pages are judged, and only when, the notices aside, no more than a headline is left: an
 * article that reports on cookies or ad blockers, or a brief with a notice under it, keeps its text.
 */
import { endsLikeSentence, wordCount } from "./boilerplate.js"
import { phrases } from "./interstitial.js"

/** Longer than this, a page has more than its notices: it is judged an article. */
const MAX_WORDS = 300
/** What a headline may be: one line, not ended like a sentence, no longer than this. */
const MAX_HEADLINE_WORDS = 30
/** Fewer words than this besides the notices is no article (extraction's own floor for article text). */
const MIN_REST_WORDS = 15

/**
 * A notice is the site speaking to the reader: "you", or "we" and "our" (German's polite forms only capitalised).
 * A report on one speaks of readers and sites, and quotes what a site says.
 */
const SITE_TO_READER = [
  phrases(
    "you", "your", "yours", "we", "our", "vous", "votre", "vos", "nous", "notre", "nos", "usted(?:es)?", "nuestr\\p{L}*", "twó[jy]\\p{L}*", "twoj\\p{L}*", "nasz\\p{L}*",
    "wir", "unser\\p{L}*", "siz\\p{L}*", "sitemiz\\p{L}*", "\\p{L}+(?:sunuz|sınız|siniz|sünüz|ıyoruz|iyoruz|uyoruz|üyoruz)",
  ),
  /(?<![\p{L}\p{N}])(?:Sie|Ihnen|Ihre[nmrs]?|Ihr)(?![\p{L}\p{N}])/u,
]
const QUOTED = /["“”„«»]/
const siteToReader = (sentence: string): boolean => !QUOTED.test(sentence) && SITE_TO_READER.some((re) => re.test(sentence))

const COOKIE_WORD = phrases("cookies?", "cookies-\\p{L}+", "çerez\\p{L}*", "ciasteczk\\p{L}*")
/** A banner's tracking and consent, which may not say "cookie" in every sentence: with a word of consent, or of the site's pages. */
const TRACKING_WORD = phrases(
  "personal data", "privacy policy", "privacy", "advertising", "ad networks", "analy[sz]\\p{L}*", "persönlichen daten", "datenschutz\\p{L}*",
  "werbung", "werbe\\p{L}*", "kişisel veri\\p{L}*", "gizlilik politika\\p{L}*",
)
const CONSENT_WORD = phrases("accept\\p{L}*", "consent\\p{L}*", "agree", "akzeptieren", "zustimmung", "stimmen sie", "einverstanden", "widerrufen", "izin", "kabul")
const WEBSITE_WORD = phrases("web ?sites?", "webseiten?", "internetauftritt", "sitemiz\\p{L}*")

const AD_BLOCKER = phrases("ad[ -]?blockers?", "blocking ads", "ad[ -]?block", "werbeblocker\\p{L}*", "adblocker\\p{L}*", "reklam engelleyici\\p{L}*", "bloqueador(?:es)? de anuncios", "bloqueur de publicités?")

/** An offer to subscribers, as a paywall puts it instead of the article. */
const SUBSCRIPTION = phrases(
  "(?:unlimited|digital) access", "purchase a subscription", "subscription service", "register your subscription",
  "subscribers,? (?:click|log ?in|sign in)", "you have reached (?:the|your) limit",
)

/** Said only by a site of itself: legal notices need no "you" to be told apart from news. */
const LEGAL = phrases(
  "copyright (?:©\\s*)?(?:19|20)\\d{2}", "all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
  "tüm hakları saklıdır", "wszelkie prawa zastrzeżone", "جميع الحقوق محفوظة", "is not responsible for the content", "including but not limited to",
  "(?:may|shall) not be (?:re)?published",
  "without (?:prior )?written (?:authori[sz]ation|permission|consent)", "provided (?:on an )?[\"“]?as is", "إخلاء ل?مسؤولي\\p{L}*", "[\"“]كما هي[\"”] دون",
)

type Notice = "cookies" | "ad blocker" | "subscription" | "legal"

const REASONS: Record<Notice, string> = {
  cookies: "the page is a cookie consent notice, not an article",
  "ad blocker": "the page asks the reader to turn off an ad blocker, not an article",
  subscription: "the page is a subscription offer, not an article",
  legal: "the page holds only the site's legal notices, not an article",
}

const noticeInSentence = (sentence: string): Notice | null => {
  if (LEGAL.test(sentence)) return "legal"
  if (!siteToReader(sentence)) return null
  if (AD_BLOCKER.test(sentence)) return "ad blocker"
  if (COOKIE_WORD.test(sentence) || (TRACKING_WORD.test(sentence) && (CONSENT_WORD.test(sentence) || WEBSITE_WORD.test(sentence)))) return "cookies"
  if (SUBSCRIPTION.test(sentence)) return "subscription"
  return null
}

const sentencesOf = (paragraph: string): string[] => paragraph.split(/(?<=[.!?…])\s+|(?<=[.!?…])(?=[\p{Lu}\p{Lo}])/u)

/** The words of each notice in a paragraph, when its sentences of notices hold at least half its words: one of them ends many an article. */
const noticesIn = (paragraph: string): Map<Notice, number> | null => {
  const wordsOf = new Map<Notice, number>()
  let noticeWords = 0
  for (const sentence of sentencesOf(paragraph)) {
    const notice = noticeInSentence(sentence)
    if (notice === null) continue
    const words = wordCount(sentence)
    wordsOf.set(notice, (wordsOf.get(notice) ?? 0) + words)
    noticeWords += words
  }
  return noticeWords * 2 >= wordCount(paragraph) && noticeWords > 0 ? wordsOf : null
}

/** No more than a headline: a few words, or one line that does not read as a sentence. */
const atMostAHeadline = (rest: readonly string[]): boolean => {
  const words = rest.reduce((n, p) => n + wordCount(p), 0)
  // A headline's words are counted between spaces: wordCount splits words of scripts with vowel signs (Devanagari).
  return words < MIN_REST_WORDS || (rest.length === 1 && !endsLikeSentence(rest[0]!) && rest[0]!.split(/\s+/).length <= MAX_HEADLINE_WORDS)
}

/** Why a page is only the site's notices (cookies, ad blocker, subscription, legal), or null when it may be an article. */
export const noticeOf = (paragraphs: readonly string[], words: number): string | null => {
  if (words > MAX_WORDS) return null
  // A notice is a sentence with legal wording or the site speaking to the reader: a page with neither has none.
  const text = paragraphs.join("\n\n")
  if (!LEGAL.test(text) && !SITE_TO_READER.some((re) => re.test(text))) return null
  const wordsOf = new Map<Notice, number>()
  const rest: string[] = []
  for (const paragraph of paragraphs) {
    const found = noticesIn(paragraph)
    if (found === null) rest.push(paragraph)
    else for (const [notice, n] of found) wordsOf.set(notice, (wordsOf.get(notice) ?? 0) + n)
  }
  if (wordsOf.size === 0 || !atMostAHeadline(rest)) return null
  const [main] = [...wordsOf].sort((a, b) => b[1] - a[1])[0]!
  return REASONS[main]
}
