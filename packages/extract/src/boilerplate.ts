/** Rules for lines of page chrome that are never part of an article, whatever the site. */

const SENTENCE_END = /[.!?…]["'”’)\]]*$/

export const endsLikeSentence = (line: string): boolean => SENTENCE_END.test(line.trim())

const LETTER_OR_DIGIT_AT = /[\p{L}\p{N}]/uy
const LETTER_AT = /\p{L}/uy
const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
const isWordCharAt = (text: string, i: number, c: number): boolean => {
  if (c < 128) return isAsciiLetter(c) || (c >= 48 && c <= 57)
  LETTER_OR_DIGIT_AT.lastIndex = i
  return LETTER_OR_DIGIT_AT.test(text)
}
const isLetterAt = (text: string, i: number, c: number): boolean => {
  if (c < 128) return isAsciiLetter(c)
  LETTER_AT.lastIndex = i
  return LETTER_AT.test(text)
}
/** UTF-16 units of the code point at i: a letter outside the BMP takes two. */
const widthAt = (text: string, i: number, c: number): number => {
  if (c < 0xd800 || c > 0xdbff) return 1
  const next = text.charCodeAt(i + 1)
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1
}

/**
 * Where the last count stopped: the rules ask about one line after another, each with its own limit, so a line's
 * scan resumes where the previous question about it stopped instead of starting over.
 */
const scan = { text: "", at: 0, count: 0, done: true }

/**
 * The matches of /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu, counted by a scan: the rules ask on every line, and the regex
 * allocated every word. Counting stops past `limit` (a whole number), which is all a comparison with `limit` needs: the result is
 * the count, or limit + 1 when there are more.
 */
export const wordCount = (text: string, limit = Number.POSITIVE_INFINITY): number => {
  if (text !== scan.text) {
    scan.text = text
    scan.at = 0
    scan.count = 0
    scan.done = false
  }
  if (scan.count > limit) return limit + 1
  if (scan.done) return scan.count
  let count = scan.count
  let i = scan.at
  while (i < text.length) {
    let c = text.charCodeAt(i)
    if (!isWordCharAt(text, i, c)) {
      i += widthAt(text, i, c)
      continue
    }
    if (++count > limit) {
      // The word that passed the limit is left uncounted, for a question with a higher limit to count again.
      scan.at = i
      scan.count = count - 1
      return count
    }
    do i += widthAt(text, i, c)
    while (i < text.length && isWordCharAt(text, i, (c = text.charCodeAt(i))))
    // "don't", "Biden’s": one word with its apostrophe, when letters follow it.
    if ((c === 39 || c === 0x2019) && i + 1 < text.length && isLetterAt(text, i + 1, text.charCodeAt(i + 1))) {
      i++
      while (i < text.length && isLetterAt(text, i, (c = text.charCodeAt(i)))) i += widthAt(text, i, c)
    }
  }
  scan.at = i
  scan.count = count
  scan.done = true
  return count
}

/** Lower-case letters and digits, single-spaced: a title repeated in the body matches whatever its punctuation. */
export const comparableText = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()

export const sameText = (a: string, b: string): boolean => comparableText(a) === comparableText(b)

const SHARE_LABEL =
  /^(?:(?:share|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|pinterest|instagram|youtube|messenger|sms|comments?)(?:[-\s]?(?:white|black))?(?:\s+(?:sharing\s+)?(?:button|icon|link))?\s*)+$/i
const FOLLOW = /^(?:(?:follow|like|connect with|find) us\b.{0,40}|follow [\p{L}\d .&'-]{1,40} on (?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|threads|telegram)\b.{0,60})$/iu
// A photo gallery's controls: "Image 1 of / 23", "Caption", "Close".
const GALLERY = /^(?:(?:image|photo|picture|slide) \d+ (?:of|\/)[\s/]*\d*|caption|close|expand|enlarge|previous|next|prev|fullscreen|full screen)$/i
const READ_MORE = /^(?:read|see|watch|click here|also read|read also|must read|don'?t miss|recommended|related(?: articles| stories| news)?|most (?:read|popular|viewed|shared)(?: in [\w ]{1,20})?|more from|more on this|trending|top stories|latest news|advertisement|advert|ad|sponsored|story continues below(?: advertisement)?|continue reading(?: below)?|scroll (?:down )?to continue|skip (?:to )?(?:main )?content|subscribe(?: now)?|sign up(?: now)?|log ?in|register)\b\s*(?:more|also|now|next|here)?\s*[:|»>…-]?\s*$/i
const READ_PROMO = /^(?:also read|read also|read more|must read|read|see also|related|watch|listen)\s*[:|]\s*\S/i
const PHOTO_CREDIT_WORDS =
  /\b(?:twitter|instagram|facebook|wikimedia(?: commons)?|wikipedia|getty(?: images)?|reuters(?: photo)?|ap photo|afp(?: photo)?|pti(?: photo)?|ani(?: photo)?|ians(?: photo)?|file photo|photo(?:graph)?s?(?: credit)?|image(?: credit| source)?s?|pic(?:ture)?s?|courtesy|representational(?: image)?|shutterstock|istock(?:photo)?|epa(?:-efe)?|xinhua|youtube|screengrab|screenshot|credit)\b/i
const DONATION =
  /\b(?:support (?:our|objective|independent|quality|unbiased|fearless) (?:journalism|reporting|news)|support us\b|become a (?:member|subscriber|supporter)|make a (?:donation|contribution)|donate (?:now|today)|your (?:contribution|support|donation) (?:supports|helps|keeps|makes)|we cannot do without you|subscribe to (?:our|the) newsletter|sign up for (?:our|the) newsletter|get (?:our|the) newsletter|newsletter sign[- ]?up)/i
const COOKIE = /\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences))\b/i
const PAYWALL = /\b(?:subscribe to (?:continue|read)|to continue reading|already a subscriber|you have reached (?:your|the) (?:limit|maximum)|free articles? (?:left|remaining)|sign in to (?:continue|read))\b/i
const AGENCY_INPUTS = /^[\s(—–-]*with (?:inputs?|additional reporting) from ([^)]+?)\s*\)?\.?\s*$/i
const AGENCY_INPUTS_ALT = /^[\s(—–-]*with ([\p{L} ,&/]+?) inputs\s*\)?\.?\s*$/iu

// The same furniture in the other languages of the news: "Leia também", "Lesen Sie auch", "Publicidad", "Baca juga".
const FOREIGN_PROMO =
  /^(?:leia (?:também|mais)|veja (?:também|mais)|saiba mais|publicidade|lesen sie (?:auch|mehr)|mehr zum thema|weiterlesen|anzeige|werbung|lire aussi|à lire aussi|a lire aussi|lire la suite|publicité|lee (?:también|más)|ver (?:también|más)|publicidad|leggi anche|potrebbe interessarti|pubblicità|baca juga|iklan|czytaj (?:też|także|więcej)|reklama|devamını oku|ayrıca bakınız|reklam|اقرأ أيضا|читайте также|реклама)\b\s*[:|»>…-]?\s*/iu
const FOREIGN_COMMENTS = /^(?:comentários|comentarios|kommentare|commentaires|commenti|komentar|komentarze|yorumlar|комментарии)\s*[:(\d)]*\s*$/iu

// A promo box flattened into one line opens with its label in capitals: "MOST READ IN TV & SHOWBIZ Holly hosts ...".
const SHOUTED_PROMO = /^(?:MOST (?:READ|POPULAR|VIEWED|SHARED)|READ MORE|ALSO READ|RELATED(?: ARTICLES| STORIES)?|TRENDING|MORE (?:FROM|ON|IN)|SEE ALSO|WATCH MORE|RECOMMENDED)\b(?![a-z])/

/** A line that is only a share button, a "follow us", a "read more" promo or the like. */
export const isChromeLine = (line: string): boolean => {
  const t = line.trim()
  if (t.length === 0) return false
  return (
    SHARE_LABEL.test(t) ||
    FOLLOW.test(t) ||
    GALLERY.test(t) ||
    READ_MORE.test(t) ||
    (READ_PROMO.test(t) && !endsLikeSentence(t)) ||
    SHOUTED_PROMO.test(t) ||
    (FOREIGN_PROMO.test(t) && (wordCount(t, 3) <= 3 || !endsLikeSentence(t)))
  )
}

/** A "READ | other headline" promo glued to the end of a paragraph. */
export const stripTrailingPromo = (paragraph: string): string =>
  paragraph.replace(/\s*\b(?:READ|ALSO READ|READ MORE|READ ALSO|WATCH|SEE ALSO)\s*[|:]\s*[^.!?]*$/, "").trim()

/** Headlines of other stories joined by " | ", or a breadcrumb such as "World | US". */
export const isPipeJoinedList = (line: string): boolean => {
  const parts = line.split(/\s+\|\s+|^\|\s*|\s*\|$/).map((p) => p.trim()).filter((p) => p.length > 0)
  if (!/\s\|\s|^\|\s|\s\|$/.test(line)) return false
  // Headlines and breadcrumb labels are short; a long sentence with a "|" in it is prose.
  return parts.length >= 2 && parts.every((p) => wordCount(p, 24) <= 24)
}

const CREDIT_AT_END = new RegExp(`${PHOTO_CREDIT_WORDS.source}\\W*$`, "i")

/**
 * A picture's caption or credit: short lines, no sentence punctuation, an image source named at the end
 * ("US President Joe Biden Twitter"). A lone short line must be long enough not to be a subheading ("Reaction on Twitter").
 */
export const isCaptionBlock = (lines: readonly string[]): boolean => {
  const last = lines[lines.length - 1]
  if (last === undefined || !lines.every((l) => wordCount(l, 20) <= 20 && !endsLikeSentence(l))) return false
  if (lines.length > 1) return PHOTO_CREDIT_WORDS.test(last)
  return (wordCount(last, 5) >= 5 && CREDIT_AT_END.test(last)) || /^(?:image|photo|picture)s? (?:copyright|credit|source|courtesy)\b/i.test(last)
}

export const isDonationAppeal = (text: string): boolean => DONATION.test(text)
export const isCookieOrPaywall = (text: string): boolean => COOKIE.test(text) || PAYWALL.test(text)

/** "(with inputs from agencies)": the credit it names, or null when the line is something else. */
export const agencyInputsCredit = (line: string): string | null => {
  const m = AGENCY_INPUTS.exec(line) ?? AGENCY_INPUTS_ALT.exec(line)
  return m ? m[1]!.trim() : null
}

const DATE_STAMP = /^[|\s]*(?:published|updated|posted|last updated|last modified|first published|modified|created|date)\b\s*(?:on|at)?\s*[:|-]?/i
const TIME_OR_DATE = /\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\b(?:ago|today|yesterday)\b/i
/** "Published: 10:48, Tue, Nov 19, 2019", "Updated 1 day ago": a time stamp of the page, not a sentence. */
export const isDateStamp = (text: string): boolean => wordCount(text, 16) <= 16 && DATE_STAMP.test(text) && TIME_OR_DATE.test(text)

/** A stamp of when the page changed ("Updated ...", "Last modified ..."), which does not date the article. */
export const isUpdateStamp = (text: string): boolean => /^\W*(?:updated|last updated|modified|last modified)\b/i.test(text)

const BYLINE_LINE = /^[Bb][Yy]:?\s+[\p{Lu}][\p{L}'’.-]*(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|and|&|de|van|von))*\s*(?:[,|–—-]|$)/u
/** "By Justine Coleman - 11/18/19 11:04 PM EST": the author line. */
export const bylineOf = (text: string): string | null => {
  if (wordCount(text, 16) > 16 || endsLikeSentence(text) && wordCount(text, 8) > 8) return null
  const m = BYLINE_LINE.exec(text)
  return m ? m[0].replace(/^by\s+/i, "").replace(/\s*[,|–—-]\s*$/, "").trim() : null
}

const CREDIT_TAIL = /\((?:image|photo|picture|pic|video|credit|source|photograph)s?(?: credit)?\s*:[^)]*\)\s*$|\((?:AP|AFP|Reuters|Getty|EPA|PA)[^)]{0,40}(?:photo|images?)[^)]*\)\s*$|\b(?:photo|image|picture)s?(?: credit)?\s*:\s*[\p{Lu}][^.]{0,60}$/iu
/** A picture caption that ends with its credit: "(Image: GETTY)", "(AP Photo/Alan Diaz, File)". */
export const isCreditedCaption = (text: string): boolean => wordCount(text, 45) <= 45 && CREDIT_TAIL.test(text)

const NEWSLETTER =
  /\b(?:news|breaking news|email) alerts\b|\bmeet your inbox\b|\bdelivered (?:weekday|daily|every|each|weekly)\b|^subscribe to\b|\bsubscribers? (?:get|enjoy)\b|\b(?:sign up|subscribe|register)\b[^.]{0,80}\b(?:newsletters?|inbox|e-?mails?|alerts?)\b|\bnewsletters?\b[^.]{0,60}\b(?:sign up|subscribe)\b|(?:delivered|straight) to your inbox|\bin your inbox\b|\bget (?:the|our) [\p{L} ]{0,30}app\b|\bdownload (?:the|our) [\p{L} ]{0,30}app\b/iu
/**
 * Every alternative of NEWSLETTER holds one of these words, and a case-insensitive Unicode regex is slow to fail on
 * the many lines that hold none. Lower-casing meets them as the regex does, but for "ſ", which the regex takes for "s".
 */
const NEWSLETTER_WORDS = ["alert", "inbox", "deliver", "subscribe", "newsletter", "mail", "get the ", "get our ", "download"]
const mayBeNewsletterPrompt = (text: string): boolean => {
  const lower = text.toLowerCase()
  return lower.includes("ſ") || NEWSLETTER_WORDS.some((word) => lower.includes(word))
}
export const isNewsletterPrompt = (text: string): boolean => wordCount(text, 50) < 50 && mayBeNewsletterPrompt(text) && NEWSLETTER.test(text)

const CONTACT =
  /[\w.+-]+@[\w-]+\.[\w.]+|\bfollow (?:him|her|them|us|me)\b|\bmay be reached at\b|\bcan be reached at\b|\bhave a (?:news )?tip\??|\bis an? (?:freelance |staff |senior |contributing )?(?:writer|reporter|journalist|editor|correspondent|columnist)\b/i
/** An author's bio or contact line, found at the end of articles. */
export const isContactOrBio = (text: string): boolean => wordCount(text, 50) < 50 && CONTACT.test(text)

export const hasEmailAddress = (text: string): boolean => /[\w.+-]+@[\w-]+\.\w/.test(text)

const SCRIPT_NOTICE = /\b(?:requires|enable|enabled) javascript\b|\byour browser does not support\b|\bplease (?:enable|turn on) javascript\b/i
const SHORTCODE = /\[\/[a-z_]+\]|\[[a-z_]+\s+[a-z_]+=[^\]]*\]/
const SUBSCRIPTION_OFFER = /\bsubscriptions?\b[^.]{0,100}\b(?:for as little as|per month|a month|use the code|promo code)\b|\b(?:use|apply) the (?:promo |coupon )?code\b/i
const PROMPT = /\baffiliate\b[^.]{0,30}\b(?:links?|commissions?|partnerships?)\b|\bclick here\b|^(?:filed under|tags?|tagged(?: with)?|categories|category|posted in|topics?)\s*:|^(?:like this (?:story|article)|share (?:this|it)|enjoyed this|tell us what you think|what do you think\??$|leave a comment|click here|see more|also on [\w.]+|more (?:from|on) [\w. ]+:)/i
/** Notices and prompts addressed to the reader rather than news: script notices, share prompts, "SEE MORE:" lines. */
export const isReaderPrompt = (text: string): boolean =>
  (SCRIPT_NOTICE.test(text) && wordCount(text, 20) < 20) ||
  (PROMPT.test(text) && wordCount(text, 30) < 30) ||
  (SUBSCRIPTION_OFFER.test(text) && wordCount(text, 90) < 90) ||
  SHORTCODE.test(text)

/** Numbers and symbols only (a stock ticker cell), or a bare address. */
export const isNotProse = (text: string): boolean =>
  !/[\p{L}]{2,}/u.test(text.replace(/https?:\/\/\S+/g, "")) || /^(?:https?:\/\/|www\.)\S+$/.test(text.trim())

const END_MARKER =
  /^(?:more (?:great |top |recent )?[\p{L}\d' ]{0,30}(?:stories|news|articles|reads)|related(?: stories| articles| coverage| content| posts| links| reading| news)?|you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you| stories| reading| articles)?|most (?:popular|read|viewed|shared)|read (?:next|more)|up next|trending(?: now| stories| news)?|want more stories like this\??|more (?:from|on|in) [\p{L}\d .'&-]{1,40}|popular (?:stories|now|posts)|editor'?s picks|top stories|what to read next|further reading|see also|around the web|from (?:our|the) partners|sponsored (?:stories|content|links)|comments?|leave a (?:reply|comment)|share this(?: article| story)?)\s*[:.…!?]*$/iu
/** A heading after which a page lists other stories, comments or partners: the article is over. */
export const isEndMarker = (text: string): boolean => wordCount(text, 8) <= 8 && (END_MARKER.test(text.trim()) || FOREIGN_COMMENTS.test(text.trim()))

/** Only a date, maybe with a time and zone ("Nov. 20, 2019, 9:28 AM UTC", "September 15, 2014"). */
export const isBareDate = (text: string): boolean => {
  if (wordCount(text, 10) > 10) return false
  const rest = text
    .replace(/\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?|\b\d{1,4}(?:st|nd|rd|th)?\b|\b(?:am|pm|a\.m\.|p\.m\.|at|on|utc|gmt|[a-z]{1,2}[sd]t|ist|cet|cest|bst)\b|[\s,.:/|()–—-]+/gi, "")
  // A time alone ("4:14 p.m.") heads an entry of a live report; a date with a year is the page's stamp.
  return rest.length === 0 && /\b(?:19|20)\d{2}\b/.test(text)
}

const COPYRIGHT = /©|\(c\)\s*(?:19|20)\d{2}|\ball rights reserved\b|\bcopyright (?:©\s*)?(?:19|20)\d{2}\b/i
/** A copyright notice or a photo's "© Name" credit. */
export const isCopyrightNotice = (text: string): boolean => wordCount(text, 40) < 40 && COPYRIGHT.test(text)
