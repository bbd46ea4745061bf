import { isBareDate } from "../boilerplate.ts"
for (const s of ["Nov. 20, 2019, 9:28 AM UTC", "September 15, 2014", "Decision 2020", "sexta-feira, 22 de outubro de 2010 às 20:13", "Tuesday, November 19, 2019", "4:14 p.m."]) console.log(s, isBareDate(s))
