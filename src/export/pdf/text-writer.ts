/**
 * A small text layout on pdf-lib: headings, wrapped paragraphs and "Label: value" fields
 * flow down the page and onto the next; every page gets a header and "Page n of N". Only
 * the standard fonts are used (nothing to download, works offline), so all text goes
 * through win-ansi.ts first and drawing never throws on what a user typed.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { PAPER, type PageGeometry, type PaperSize } from './paper';
import { pdfSafeLine, splitLines } from './win-ansi';

export type FontName = 'regular' | 'bold' | 'italic' | 'mono';
export type Tone = 'ink' | 'muted' | 'danger';

/** A piece of a paragraph in one font and tone. */
export interface Run {
  text: string;
  font?: FontName;
  tone?: Tone;
}

export interface BlockStyle {
  /** Multiplies the paper's body size. */
  scale?: number;
  /** Left indent in points. */
  indent?: number;
  /** Extra space after the block, in lines of its size (default 0.25). */
  after?: number;
}

export interface WriterOptions {
  paper: PaperSize;
  /** Document title (PDF metadata). */
  title: string;
  /** Printed at the top of every page. */
  header: string;
  /** Printed at the bottom left of every page, beside "Page n of N". */
  footer: string;
  author: string;
  /** ISO time the document was generated: also its PDF creation date, so the same input gives the same bytes. */
  createdAt: string;
}

const TONES = { ink: rgb(0.07, 0.08, 0.09), muted: rgb(0.24, 0.27, 0.31), danger: rgb(0.64, 0, 0) } as const;
const LINE_HEIGHT = 1.3;

interface Token {
  text: string;
  font: FontName;
  tone: Tone;
  kind: 'word' | 'space' | 'break';
}

export class PdfTextWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Record<FontName, PDFFont>,
    private readonly geometry: PageGeometry,
    private readonly options: WriterOptions,
  ) {
    this.newPage();
  }

  static async create(options: WriterOptions): Promise<PdfTextWriter> {
    const pdf = await PDFDocument.create();
    const [regular, bold, italic, mono] = await Promise.all([
      pdf.embedFont(StandardFonts.Helvetica),
      pdf.embedFont(StandardFonts.HelveticaBold),
      pdf.embedFont(StandardFonts.HelveticaOblique),
      pdf.embedFont(StandardFonts.Courier),
    ]);
    const created = new Date(options.createdAt);
    const when = Number.isNaN(created.getTime()) ? new Date(0) : created;
    pdf.setTitle(pdfSafeLine(options.title));
    pdf.setAuthor(pdfSafeLine(options.author));
    pdf.setCreator('Muster');
    pdf.setProducer('Muster (pdf-lib)');
    pdf.setCreationDate(when);
    pdf.setModificationDate(when);
    return new PdfTextWriter(pdf, { regular: regular!, bold: bold!, italic: italic!, mono: mono! }, PAPER[options.paper], options);
  }

  private get small(): number {
    return this.geometry.fontSize * 0.8;
  }

  private get top(): number {
    return this.geometry.height - this.geometry.margin - this.small * 2.2;
  }

  private get bottom(): number {
    return this.geometry.margin + this.small * 2.2;
  }

  private get width(): number {
    return this.geometry.width - 2 * this.geometry.margin;
  }

  private newPage(): void {
    this.page = this.pdf.addPage([this.geometry.width, this.geometry.height]);
    this.y = this.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.y - height < this.bottom && this.y < this.top) this.newPage();
  }

  pageBreak(): void {
    if (this.y < this.top) this.newPage();
  }

  gap(lines = 0.5): void {
    this.y -= this.geometry.fontSize * LINE_HEIGHT * lines;
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const scale = level === 1 ? 1.6 : level === 2 ? 1.3 : 1.1;
    const size = this.geometry.fontSize * scale;
    // Keep a heading with at least three lines of what follows it.
    this.ensureSpace(size * LINE_HEIGHT * 1.5 + this.geometry.fontSize * LINE_HEIGHT * 3);
    if (this.y < this.top) this.gap(level === 3 ? 0.4 : 0.8);
    this.paragraph([{ text, font: 'bold' }], { scale, after: 0.2 });
  }

  /** "Label: value", the label in bold; an empty value prints as "(empty)". */
  field(label: string, value: string | null, style: BlockStyle & { mono?: boolean } = {}): void {
    const empty = value === null || value.trim() === '';
    const valueRun: Run = empty ? { text: '(empty)', font: 'italic', tone: 'muted' } : { text: value, font: style.mono ? 'mono' : 'regular' };
    this.paragraph([{ text: `${label}: `, font: 'bold' }, valueRun], { after: 0.05, ...style });
  }

  paragraph(content: string | readonly Run[], style: BlockStyle = {}): void {
    const runs = typeof content === 'string' ? [{ text: content }] : content;
    const size = this.geometry.fontSize * (style.scale ?? 1);
    const indent = style.indent ?? 0;
    const lineHeight = size * LINE_HEIGHT;
    for (const line of this.wrap(this.tokenize(runs), size, this.width - indent)) {
      this.ensureSpace(lineHeight);
      this.y -= lineHeight;
      this.drawLine(line, this.geometry.margin + indent, this.y + size * 0.25, size);
    }
    this.y -= lineHeight * (style.after ?? 0.25);
  }

  rule(): void {
    this.ensureSpace(this.geometry.fontSize);
    this.y -= this.geometry.fontSize * 0.4;
    const x = this.geometry.margin;
    this.page.drawLine({ start: { x, y: this.y }, end: { x: x + this.width, y: this.y }, thickness: 0.5, color: TONES.muted });
    this.y -= this.geometry.fontSize * 0.4;
  }

  /** Gives the browser a turn between chunks of a long document, so the page stays responsive. */
  breathe(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  get pageCount(): number {
    return this.pdf.getPageCount();
  }

  async save(): Promise<Uint8Array> {
    const pages = this.pdf.getPages();
    const size = this.small;
    const header = pdfSafeLine(this.options.header);
    const footer = pdfSafeLine(this.options.footer);
    pages.forEach((page, index) => {
      const { margin, width, height } = this.geometry;
      const number = `Page ${index + 1} of ${pages.length}`;
      const numberWidth = this.fonts.regular.widthOfTextAtSize(number, size);
      page.drawText(this.fit(header, width - 2 * margin, size), { x: margin, y: height - margin - size, size, font: this.fonts.bold, color: TONES.muted });
      page.drawText(this.fit(footer, width - 2 * margin - numberWidth - size * 2, size), { x: margin, y: margin, size, font: this.fonts.regular, color: TONES.muted });
      page.drawText(number, { x: width - margin - numberWidth, y: margin, size, font: this.fonts.regular, color: TONES.muted });
    });
    return this.pdf.save();
  }

  /** Cuts a one-line text to `max` points, with "..." when cut. */
  private fit(text: string, max: number, size: number): string {
    const font = this.fonts.regular;
    if (font.widthOfTextAtSize(text, size) <= max) return text;
    let cut = text;
    while (cut.length > 0 && font.widthOfTextAtSize(`${cut}...`, size) > max) cut = cut.slice(0, -Math.max(1, Math.ceil(cut.length / 20)));
    return `${cut}...`;
  }

  private tokenize(runs: readonly Run[]): Token[] {
    const tokens: Token[] = [];
    for (const run of runs) {
      const font = run.font ?? 'regular';
      const tone = run.tone ?? 'ink';
      splitLines(run.text).forEach((line, index) => {
        if (index > 0) tokens.push({ text: '', font, tone, kind: 'break' });
        for (const piece of pdfSafeLine(line).split(/( +)/)) {
          if (piece === '') continue;
          tokens.push({ text: piece.startsWith(' ') ? ' ' : piece, font, tone, kind: piece.startsWith(' ') ? 'space' : 'word' });
        }
      });
    }
    return tokens;
  }

  private measure(token: Pick<Token, 'text' | 'font'>, size: number): number {
    return this.fonts[token.font].widthOfTextAtSize(token.text, size);
  }

  /** Greedy line filling; a word longer than a line is cut at characters. */
  private wrap(tokens: readonly Token[], size: number, max: number): Token[][] {
    const lines: Token[][] = [];
    let line: Token[] = [];
    let x = 0;
    let pendingSpace: Token | null = null;
    const flush = () => {
      lines.push(line);
      line = [];
      x = 0;
      pendingSpace = null;
    };
    for (const token of tokens) {
      if (token.kind === 'break') {
        flush();
        continue;
      }
      if (token.kind === 'space') {
        if (line.length > 0) pendingSpace = token;
        continue;
      }
      const spaceWidth: number = pendingSpace ? this.measure(pendingSpace, size) : 0;
      const width = this.measure(token, size);
      if (x + spaceWidth + width <= max) {
        if (pendingSpace) line.push(pendingSpace);
        line.push(token);
        x += spaceWidth + width;
        pendingSpace = null;
        continue;
      }
      if (line.length > 0) flush();
      if (width <= max) {
        line.push(token);
        x = width;
        continue;
      }
      for (const chunk of this.cutWord(token, size, max)) {
        if (line.length > 0) flush();
        line.push(chunk);
        x = this.measure(chunk, size);
      }
    }
    if (line.length > 0 || lines.length === 0) lines.push(line);
    return lines;
  }

  private cutWord(token: Token, size: number, max: number): Token[] {
    const chunks: Token[] = [];
    let text = '';
    let x = 0;
    for (const char of token.text) {
      const width = this.measure({ text: char, font: token.font }, size);
      if (x + width > max && text !== '') {
        chunks.push({ ...token, text });
        text = '';
        x = 0;
      }
      text += char;
      x += width;
    }
    if (text !== '') chunks.push({ ...token, text });
    return chunks;
  }

  private drawLine(line: readonly Token[], left: number, y: number, size: number): void {
    let x = left;
    let i = 0;
    while (i < line.length) {
      const first = line[i]!;
      let text = '';
      while (i < line.length && line[i]!.font === first.font && line[i]!.tone === first.tone) text += line[i++]!.text;
      this.page.drawText(text, { x, y, size, font: this.fonts[first.font], color: TONES[first.tone] });
      x += this.measure({ text, font: first.font }, size);
    }
  }
}
