/**
 * The page sizes Muster prints on, in PDF points (1/72 inch). The wallet card is ISO/IEC 7810
 * ID-1, the size of a bank card (85.60 x 53.98 mm), for the contact sheet kept in a wallet.
 */
export const PAPER_SIZES = ['a4', 'letter', 'wallet'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
/** Documents (log, report) print on full pages only. */
export type PagePaper = Exclude<PaperSize, 'wallet'>;

export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
  /** Body text size; headings and small print scale from it. */
  fontSize: number;
  label: string;
}

const MM = 72 / 25.4;

export const PAPER: Record<PaperSize, PageGeometry> = {
  a4: { width: 210 * MM, height: 297 * MM, margin: 16 * MM, fontSize: 9.5, label: 'A4' },
  letter: { width: 612, height: 792, margin: 0.65 * 72, fontSize: 9.5, label: 'US Letter' },
  wallet: { width: 85.6 * MM, height: 53.98 * MM, margin: 3.5 * MM, fontSize: 5.6, label: 'Wallet card' },
};

export const PAPER_LABELS: Record<PaperSize, string> = { a4: 'A4', letter: 'US Letter', wallet: 'Wallet card' };
