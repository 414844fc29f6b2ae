// The least time any PDF pdfmake lays out from these banks can take: a fresh process that loads pdfmake
// with the guide's body font and lays out the banks' text, one paragraph per line, in one style, with page
// numbers, and nothing else (no parsing, no styles, math, links, images or outline). `npm run bench` prints
// it beside the PDF stages: a target below it cannot be met with pdfmake, however mlq calls it.
import { readFileSync } from 'node:fs';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { BODY_STYLE, FONTS, pageMargins } from '../writers/pdf/fonts.js';

pdfmake.setFonts({ Roboto: FONTS.Roboto });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => true);

const lines = process.argv.slice(2).flatMap((file) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()));
const document: TDocumentDefinitions = {
  pageSize: 'A4',
  pageMargins: pageMargins('A4'),
  defaultStyle: BODY_STYLE,
  footer: (page, pages) => ({ text: `${page} / ${pages}`, fontSize: 8, alignment: 'center' }),
  content: lines.map((text) => ({ text })),
};
const bytes = await pdfmake.createPdf(document).getBuffer();
if (bytes.length === 0) throw new Error('pdfmake wrote no bytes');
