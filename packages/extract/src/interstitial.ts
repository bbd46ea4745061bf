/**
 * Pages a crawler gets instead of the article: a bot check ("I'm not a robot", "please enable JavaScript"), a
 * login or registration form, a paywall's sign-up form. Their text is interface, not news, and two of them from one
 * site read alike: kept, they would form stories of their own (or be taken for copies of each other). Only short
 * pages are judged, and only on phrases of the interface itself, so an article that reports on captchas or paywalls
 * keeps its text.
 */

/** Longer than this, a page has more than its interface: it is judged an article. */
const MAX_WORDS = 300
/** A bot check says little more than its checkbox: a longer text that names one is news about them. */
const MAX_BOT_CHECK_WORDS = 150

/** Any of the phrases, as whole words (letters of any script: JavaScript's \b knows only ASCII ones), case aside. */
export const phrases = (...alternatives: string[]): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu")

/** A bot check, or a page that runs only with scripts. (Not "access denied" or "too many requests": news briefs say them.) */
const BOT_CHECK = [
  phrases("(?:re)?captcha", "i'?m not a robot", "i am not a robot", "nie jestem robotem", "je ne suis pas un robot", "no soy un robot", "ich bin kein roboter", "non sono un robot", "robot değilim"),
  phrases("please (?:enable|turn on) (?:javascript|cookies)", "javascript is (?:disabled|required)"),
]
/** The reader's IP address, as bot checks show it. */
const IP_ADDRESS = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/

/** What only a form says: its labels and links. */
const FORM_LABELS = [
  phrases("remember me", "forgot (?:your )?password", "keep me (?:signed|logged) in"),
  // Not "Email:" alone: articles end with a press contact's.
  phrases("e-?mail(?: address)? or username\\s*:", "username\\s*:", "password\\s*:"),
  phrases("first name[^.]{0,40}last name"),
  phrases("new user\\s*\\?", "create an account", "sign up now", "click here to register"),
]
/** Words a form uses, and so does news about logins and leaks. */
const FORM_WORDS = [
  phrases("sign[ -]?in", "log[ -]?in", "log out", "zaloguj", "anmelden", "connexion", "iniciar sesión"),
  phrases("password", "passwort", "mot de passe", "contraseña", "hasło", "şifre"),
  phrases("username", "e-?mail address"),
  phrases("register", "sign up"),
]

/** A paywall's offer. */
const PAYWALL = phrases("free trial", "subscribe (?:now )?to (?:continue|read)", "registered users can read", "already a subscriber", "to continue reading")

const count = (patterns: readonly RegExp[], text: string): number => patterns.filter((re) => re.test(text)).length

/** Why a page is an interstitial (a bot check, a login or a paywall form), or null when it may be an article. */
export const interstitialOf = (body: string, words: number): string | null => {
  if (words > MAX_WORDS) return null
  const labels = count(FORM_LABELS, body)
  if (words <= MAX_BOT_CHECK_WORDS && BOT_CHECK.some((re) => re.test(body)) && (IP_ADDRESS.test(body) || labels > 0 || words <= 80))
    return "the page is a bot check, not an article"
  if (labels >= 2 || (labels >= 1 && count(FORM_WORDS, body) >= 2)) return "the page is a login or registration form, not an article"
  if (labels >= 1 && PAYWALL.test(body)) return "the page is a paywall's sign-up form, not an article"
  return null
}
