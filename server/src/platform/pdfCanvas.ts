/** Page geometry, style and the table layout of printable A4 documents (the assessment report, the service agreement). */

// ---- page geometry and style ----

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 54, bottom: 58, left: 50, right: 50 };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const PAGE_BOTTOM = A4.height - MARGIN.bottom;

const BODY_SIZE = 9.5;
const SMALL_SIZE = 8;
// Noto Sans SC has a 0.5 em line gap below each line; a negative extra gap tightens CJK lines to ~1.35 em.
const LINE_GAP = -1.5;
// More padding above than below: every cell ends with the font's own gap under its last line.
const PAD = { x: 5, top: 4.5, bottom: 1.5 };
const BOX = 7.5; // check-box side
const BORDER = 0.7;
const INK = '#000000';
export const MUTED = '#4d4d4d';
export const LABEL_FILL = '#f0f0f0';
const BAND_FILL = '#dcdcdc';

// ---- layout model: tables of cells holding blocks ----

export type Block =
  | {
      kind: 'text';
      text: string;
      bold?: boolean;
      size?: number;
      color?: string;
      align?: 'left' | 'center' | 'right';
    }
  /** A check box with its text (hanging indent) and muted notes under it. */
  | { kind: 'check'; text: string; checked: boolean; notes?: readonly string[] }
  /** Check boxes flowing on lines, e.g. the level options. */
  | { kind: 'choices'; options: readonly { text: string; checked: boolean }[] }
  /** One line: bold text on the left, muted text on the right (band titles with subtotals). */
  | { kind: 'pair'; left: string; right: string }
  | { kind: 'gap'; height: number };

export interface Cell {
  blocks: readonly Block[];
  span?: number;
  fill?: string;
  valign?: 'top' | 'middle';
}

export interface Row {
  cells: readonly Cell[];
  /** Do not leave this row alone at the bottom of a page (band and section titles). */
  keepWithNext?: boolean;
  minHeight?: number;
}

export interface Table {
  widths: readonly number[];
  rows: readonly Row[];
  /** Rows repeated at the top of every page the table continues on. */
  header?: readonly Row[];
  keepTogether?: boolean;
}

export const text = (
  t: string,
  extra: Omit<Extract<Block, { kind: 'text' }>, 'kind' | 'text'> = {},
): Block => ({
  kind: 'text',
  text: t,
  ...extra,
});
export const muted = (t: string): Block => text(t, { size: SMALL_SIZE, color: MUTED });
export const label = (t: string, help?: string): Cell => ({
  blocks: help ? [text(t, { bold: true }), muted(help)] : [text(t, { bold: true })],
  fill: LABEL_FILL,
  valign: 'middle',
});
export const band = (t: string, span: number, right?: string): Row => ({
  cells: [
    {
      blocks: [right ? { kind: 'pair', left: t, right } : text(t, { bold: true })],
      span,
      fill: BAND_FILL,
    },
  ],
  keepWithNext: true,
});

/** Draws tables with page breaks, repeated header rows, page headers and footers. */
export class ReportCanvas {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN.top;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  private setFont(bold: boolean | undefined, size: number) {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
  }

  private lineHeight(size: number) {
    this.setFont(false, size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  /** Lays out `blocks` in a column at (x, y); draws only when `draw`. Returns the height used. */
  private blocks(blocks: readonly Block[], x: number, y: number, width: number, draw: boolean): number {
    const doc = this.doc;
    let h = 0;
    for (const b of blocks) {
      switch (b.kind) {
        case 'gap':
          h += b.height;
          break;
        case 'text': {
          const size = b.size ?? BODY_SIZE;
          this.setFont(b.bold, size);
          const opts = { width, lineGap: LINE_GAP, align: b.align ?? 'left' };
          if (draw) doc.fillColor(b.color ?? INK).text(b.text, x, y + h, opts);
          h += doc.heightOfString(b.text, opts);
          break;
        }
        case 'check': {
          const indent = BOX + 4;
          this.setFont(false, BODY_SIZE);
          const opts = { width: width - indent, lineGap: LINE_GAP };
          if (draw) {
            this.checkBox(x, y + h, b.checked);
            doc.fillColor(INK).text(b.text, x + indent, y + h, opts);
          }
          h += doc.heightOfString(b.text, opts);
          for (const note of b.notes ?? []) {
            this.setFont(false, SMALL_SIZE);
            const nopts = { width: width - indent, lineGap: LINE_GAP };
            if (draw) doc.fillColor(MUTED).text(note, x + indent, y + h, nopts);
            h += doc.heightOfString(note, nopts);
          }
          h += 2;
          break;
        }
        case 'pair': {
          this.setFont(true, BODY_SIZE);
          const lh = doc.heightOfString(b.left, { width, lineGap: LINE_GAP });
          if (draw) {
            doc.fillColor(INK).text(b.left, x, y + h, { width, lineGap: LINE_GAP, lineBreak: false });
            this.setFont(false, SMALL_SIZE);
            // Same baseline as the bold text on the left.
            const dy = (BODY_SIZE - SMALL_SIZE) * 0.88;
            doc.fillColor(MUTED).text(b.right, x, y + h + dy, { width, align: 'right', lineBreak: false });
          }
          h += lh;
          break;
        }
        case 'choices': {
          const lh = this.lineHeight(BODY_SIZE);
          this.setFont(false, BODY_SIZE);
          let cx = 0;
          let line = 0;
          for (const o of b.options) {
            const w = BOX + 3 + doc.widthOfString(o.text);
            if (cx > 0 && cx + w > width) {
              cx = 0;
              line += 1;
            }
            if (draw) {
              this.checkBox(x + cx, y + h + line * lh, o.checked);
              doc
                .fillColor(INK)
                .text(o.text, x + cx + BOX + 3, y + h + line * lh, { lineBreak: false, lineGap: LINE_GAP });
            }
            cx += w + 10;
          }
          h += (line + 1) * lh;
          break;
        }
      }
    }
    return h;
  }

  /** A square box on the first text line at (x, y); a tick (text, so it is extractable) when checked. */
  private checkBox(x: number, y: number, checked: boolean) {
    const doc = this.doc;
    // Centred on the ideographs: the em box spans 0.88 em above to 0.12 em below the baseline,
    // and the baseline sits 0.88 em below the top of the line.
    const top = y + BODY_SIZE * 0.5 - BOX / 2;
    doc.lineWidth(0.6).strokeColor(INK).rect(x, top, BOX, BOX).stroke();
    if (checked) {
      this.setFont(true, BODY_SIZE + 1.5);
      doc.fillColor(INK).text('✓', x - 0.5, top - 4, { lineBreak: false });
      this.setFont(false, BODY_SIZE);
    }
  }

  private cellWidth(widths: readonly number[], start: number, span: number) {
    return widths.slice(start, start + span).reduce((a, b) => a + b, 0);
  }

  private rowHeight(widths: readonly number[], row: Row): number {
    let col = 0;
    let h = row.minHeight ?? 0;
    for (const c of row.cells) {
      const w = this.cellWidth(widths, col, c.span ?? 1);
      h = Math.max(h, this.blocks(c.blocks, 0, 0, w - 2 * PAD.x, false) + PAD.top + PAD.bottom);
      col += c.span ?? 1;
    }
    return Math.ceil(h);
  }

  private drawRow(widths: readonly number[], row: Row, height: number) {
    const doc = this.doc;
    let x = MARGIN.left;
    let col = 0;
    for (const c of row.cells) {
      const w = this.cellWidth(widths, col, c.span ?? 1);
      if (c.fill) doc.rect(x, this.y, w, height).fill(c.fill);
      const inner = this.blocks(c.blocks, 0, 0, w - 2 * PAD.x, false);
      const dy = c.valign === 'middle' ? (height - PAD.top - PAD.bottom - inner) / 2 : 0;
      this.blocks(c.blocks, x + PAD.x, this.y + PAD.top + dy, w - 2 * PAD.x, true);
      doc.lineWidth(BORDER).strokeColor(INK).rect(x, this.y, w, height).stroke();
      x += w;
      col += c.span ?? 1;
    }
    this.y += height;
  }

  newPage() {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  table(t: Table) {
    const heights = t.rows.map((r) => this.rowHeight(t.widths, r));
    const headerHeights = (t.header ?? []).map((r) => this.rowHeight(t.widths, r));
    const drawHeader = () => t.header?.forEach((r, k) => this.drawRow(t.widths, r, headerHeights[k] ?? 0));
    const whole = [...heights, ...headerHeights].reduce((a, b) => a + b, 0);
    // A block that must not be split (signatures) starts a new page when it does not fit.
    if (t.keepTogether && this.y + whole > PAGE_BOTTOM && whole <= PAGE_BOTTOM - MARGIN.top) this.newPage();
    drawHeader();
    t.rows.forEach((row, k) => {
      const h = heights[k] ?? 0;
      // A title row travels with the row after it.
      const needed = row.keepWithNext ? h + (heights[k + 1] ?? 0) : h;
      if (this.y + needed > PAGE_BOTTOM) {
        this.newPage();
        drawHeader();
      }
      this.drawRow(t.widths, row, h);
    });
  }

  heading(t: string, size: number, gapAfter: number) {
    this.setFont(true, size);
    this.doc.fillColor(INK).text(t, MARGIN.left, this.y, { width: CONTENT_WIDTH, align: 'center' });
    this.y += this.doc.heightOfString(t, { width: CONTENT_WIDTH }) + gapAfter;
  }

  subheading(t: string, gapAfter: number) {
    this.setFont(false, SMALL_SIZE + 1);
    this.doc.fillColor(MUTED).text(t, MARGIN.left, this.y, { width: CONTENT_WIDTH, align: 'center' });
    this.y += this.doc.heightOfString(t, { width: CONTENT_WIDTH }) + gapAfter;
  }

  /** Running header (continuation pages) and footer with page numbers, drawn once all pages exist. */
  decoratePages(runningHeader: string, footerLeft: string, footerRight: string) {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Text below the bottom margin would start a new page otherwise.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      this.setFont(false, SMALL_SIZE);
      doc.fillColor(MUTED);
      if (i > start) {
        doc.text(runningHeader, MARGIN.left, MARGIN.top - 22, { width: CONTENT_WIDTH, lineBreak: false });
        doc
          .lineWidth(0.4)
          .strokeColor(MUTED)
          .moveTo(MARGIN.left, MARGIN.top - 8)
          .lineTo(A4.width - MARGIN.right, MARGIN.top - 8)
          .stroke();
      }
      const fy = A4.height - MARGIN.bottom + 20;
      doc
        .lineWidth(0.4)
        .strokeColor(MUTED)
        .moveTo(MARGIN.left, fy - 6)
        .lineTo(A4.width - MARGIN.right, fy - 6)
        .stroke();
      doc.text(footerLeft, MARGIN.left, fy, { width: CONTENT_WIDTH, align: 'left', lineBreak: false });
      doc.text(`第 ${i - start + 1} 页  共 ${count} 页`, MARGIN.left, fy, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
      doc.text(footerRight, MARGIN.left, fy, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
}
