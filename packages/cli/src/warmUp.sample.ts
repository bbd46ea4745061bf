/**
 * Made-up articles the worker warms its stages on before it takes jobs (see warmUp.ts): one story told by three
 * outlets (one an HTML page with its chrome), an agency copy of one of them with a new intro, and an unrelated story.
 * Written for wiredesk; no real event, person or outlet.
 */
export interface WarmUpArticle {
  readonly name: string
  readonly format: "text" | "html"
  readonly text: string
}

const FERRY_AGENCY = `Ferry service to Marrow Island resumes after storm repairs

HALDEN POINT, March 4, 2025 (Northwind Press) - Ferry service between Halden Point and Marrow Island resumed on Tuesday, three weeks after a winter storm tore the landing ramp from its moorings and stranded more than 400 residents on the island.

"The island is connected again, and that is what matters today," Mayor Ingrid Solberg told reporters at the pier. The first crossing left at 7:15 a.m. with 62 passengers and a fuel truck on board.

Harbour master Tomas Reyes said engineers had replaced the ramp's hinge assembly and reinforced the pilings with steel collars. "We tested the new ramp under full load twice on Monday," Reyes said. "It held better than the old one ever did."

During the closure the regional council paid for a daily supply boat and two medical evacuation flights. The repairs cost 1.8 million crowns, Solberg said, most of it from the council's emergency fund.

Residents had complained that the council waited eight days before ordering the supply boat. Solberg said the council would review its storm plan before the autumn.`

const FERRY_COPY = `Marrow Island ferry back in service

HALDEN POINT, March 4, 2025 (Northwind Press) - Islanders cheered as the first ferry in three weeks docked at Marrow Island on Tuesday morning.

"The island is connected again, and that is what matters today," Mayor Ingrid Solberg told reporters at the pier. The first crossing left at 7:15 a.m. with 62 passengers and a fuel truck on board.

Harbour master Tomas Reyes said engineers had replaced the ramp's hinge assembly and reinforced the pilings with steel collars. "We tested the new ramp under full load twice on Monday," Reyes said. "It held better than the old one ever did."

During the closure the regional council paid for a daily supply boat and two medical evacuation flights. The repairs cost 1.8 million crowns, Solberg said, most of it from the council's emergency fund.`

const FERRY_REWRITE = `Islanders welcome first ferry since February storm

By Aino Lehtinen, Coastal Daily. Published 5 March 2025.

Marrow Island's 400 residents have their ferry back. The boat from Halden Point crossed on Tuesday for the first time since a storm in February ripped away the ramp that connects the vessel to the island's landing.

Mayor Ingrid Solberg, who rode the first crossing, called the reopening a relief for families who had relied on a supply boat for food and fuel. Solberg put the bill for the new ramp at 1.8 million crowns.

According to harbour master Tomas Reyes, the new ramp sits on pilings wrapped in steel collars and passed two load tests before the service restarted.

Not everyone was satisfied. "We were on our own for more than a week before anyone sent a boat," said Petra Lund, who runs the island's only shop. The council has promised to review how it responds to storms.`

const FERRY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry link to Marrow Island restored after three-week outage | Harbour Herald</title>
<meta property="og:title" content="Ferry link to Marrow Island restored after three-week outage">
<meta property="article:published_time" content="2025-03-04T16:20:00Z">
<meta name="author" content="Jonas Berg">
</head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>Ferry link to Marrow Island restored after three-week outage</h1>
<p class="byline">By Jonas Berg · March 4, 2025</p>
<p>The ferry between Halden Point and Marrow Island is running again after crews finished rebuilding the landing ramp that a storm destroyed on February 11.</p>
<p>Mayor Ingrid Solberg said the council had spent 1.8 million crowns on the repairs and on the supply boat that kept the island stocked while the service was suspended.</p>
<p>"People on the island showed enormous patience," Solberg said. She added that the council would publish a review of its emergency response before October.</p>
<p>Harbour master Tomas Reyes said the rebuilt ramp had been tested twice with a full load of vehicles before the first passengers boarded on Tuesday morning.</p>
<h2>Medical flights</h2>
<p>Two residents were flown to the mainland hospital during the outage, Reyes said. Both have since returned home.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council budget vote delayed</a></li><li><a href="/b">Harbour festival returns</a></li></ul></aside></main>
<footer><p>© 2025 Harbour Herald. All rights reserved.</p><p>Sign up for our newsletter.</p></footer>
</body></html>`

const BUDGET = `Council delays budget vote over school funding

VELLINGE, March 6, 2025 - The Vellinge district council postponed its vote on next year's budget on Thursday after members failed to agree on how much to spend on two new primary schools.

Council leader Marta Okafor said the vote would be held on March 20. "We would rather take two more weeks than pass a budget that half the council cannot support," Okafor said.

The draft budget sets aside 42 million crowns for schools, up from 35 million this year. Opposition members want the two schools built at once; the majority plans to build them one after the other.`

export const WARM_UP_ARTICLES: readonly WarmUpArticle[] = [
  { name: "ferry-agency.txt", format: "text", text: FERRY_AGENCY },
  { name: "ferry-page.html", format: "html", text: FERRY_PAGE },
  { name: "ferry-rewrite.txt", format: "text", text: FERRY_REWRITE },
  { name: "ferry-copy.txt", format: "text", text: FERRY_COPY },
  { name: "budget.txt", format: "text", text: BUDGET },
]
