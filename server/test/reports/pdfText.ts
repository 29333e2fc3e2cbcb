import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a reader gets out of a PDF: its pages' text (pdf.js, as a viewer extracts it) and the fonts it names. */
export interface PdfContents {
  pages: number;
  /** Each page's text items joined; whitespace removed (wrapping inserts none in CJK text). */
  text: string;
  title: string | null;
}

export async function readPdf(pdf: Uint8Array): Promise<PdfContents> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str;
    }
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return { pages: doc.numPages, text: squash(text), title: typeof title === 'string' ? title : null };
  } finally {
    await doc.destroy();
  }
}

/** Text without whitespace, to compare with what a line may have been wrapped from. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** The embedded fonts' names in the file (`/BaseFont /ABCDEF+Name`: a subset tag then the PostScript name). */
export function embeddedFonts(pdf: Buffer): string[] {
  return [...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont\s*\/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1] ?? ''))];
}
