import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toWinAnsiText } from './winAnsiText.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;

export interface PdfLineStyle {
  font: PDFFont;
  size: number;
  /** extra space above the line */
  gap?: number;
}

/** Writes wrapped lines top to bottom, starting a new A4 page when one is full. */
export class PdfTextWriter {
  private page: PDFPage;
  private y: number;

  constructor(private readonly doc: PDFDocument) {
    this.page = this.newPage();
    this.y = A4[1] - MARGIN;
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  write(text: string, style: PdfLineStyle): void {
    for (const line of wrap(toWinAnsiText(text), style.font, style.size, this.width)) {
      const lineHeight = style.size * 1.3 + (style.gap ?? 0);
      if (this.y - lineHeight < MARGIN + 14) {
        this.page = this.newPage();
        this.y = A4[1] - MARGIN;
      }
      this.y -= lineHeight;
      this.page.drawText(line, { x: MARGIN, y: this.y, size: style.size, font: style.font });
      style = { ...style, gap: 0 };
    }
  }

  rule(): void {
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  }

  /** Numbers every page as "label i/n"; call once, after the last write. */
  numberPages(font: PDFFont, label: string): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      page.drawText(toWinAnsiText(`${label} ${i + 1}/${pages.length}`), { x: MARGIN, y: MARGIN - 14, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
    });
  }

  private newPage(): PDFPage {
    return this.doc.addPage(A4);
  }
}

/** Greedy word wrap; a word longer than the line (a hash, a JSON blob) is cut by characters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = word;
    while (!fits(current)) {
      let cut = current.length - 1;
      while (cut > 1 && !fits(current.slice(0, cut))) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  lines.push(current);
  return lines;
}
