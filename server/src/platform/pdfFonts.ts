/**
 * The CJK font of printable documents: Noto Sans SC (SIL OFL 1.1) from `@embedpdf/fonts-sc`; pdfkit embeds
 * only the glyphs used (docs/decisions/003-report-pdf-font.md). One place names the package and weights.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PDF_FONT = {
  package: '@embedpdf/fonts-sc',
  regular: 'NotoSansHans-Regular',
  bold: 'NotoSansHans-Bold',
} as const;

let fontData: { regular: Buffer; bold: Buffer } | undefined;

/** Reads the two font files once per process (8 MB each); pdfkit subsets them per document. */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontData) {
    // The package exports only its index; the font files sit in ../fonts beside dist/.
    const entry = createRequire(import.meta.url).resolve(PDF_FONT.package);
    const dir = join(dirname(entry), '..', 'fonts');
    fontData = {
      regular: readFileSync(join(dir, `${PDF_FONT.regular}.otf`)),
      bold: readFileSync(join(dir, `${PDF_FONT.bold}.otf`)),
    };
  }
  return fontData;
}

/** Registers the fonts as 'regular' and 'bold' on a document (the names pdfCanvas.ts draws with). */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const f = fonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
}
