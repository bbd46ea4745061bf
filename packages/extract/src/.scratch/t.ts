import { findDate, isClockLine } from "../dates.ts"
for (const s of ["(UrduPoint News / Sputnik - 20th March, 2021)", "| @indiablooms | Mar 19, 2021, at 12:47 am", "date 2021-03-18", "February 17, 2026 12:03 am (IST)"]) console.log(findDate(s), isClockLine(s))
