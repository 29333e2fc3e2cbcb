import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The report's CJK font [RP7]: Noto Sans SC (OFL) as full TrueType files from
 * the npm package `@expo-google-fonts/noto-sans-sc`, so a fresh machine
 * renders Chinese without any system font. Each file (≈10 MB) is read and
 * parsed once per process and the parsed font is shared by every PDF; pdfkit
 * embeds only the glyphs a document uses (a subset of a few kB).
 */

export interface ReportFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/noto-sans-sc';
export const REPORT_FONT_FILES = {
  regular: `${PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`,
  bold: `${PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`,
} as const;

async function load(specifier: string): Promise<fontkit.Font> {
  const font = fontkit.create(await readFile(require.resolve(specifier)));
  // A .ttc would give a collection; the package ships single fonts.
  if (!('layout' in font)) throw new Error(`${specifier} is a font collection, not a font`);
  return font;
}

let fonts: Promise<ReportFonts> | null = null;

/** The fonts, read on the first call (the reports plugin calls it as the app starts) and kept. */
export function reportFonts(): Promise<ReportFonts> {
  if (!fonts) {
    const p = Promise.all([load(REPORT_FONT_FILES.regular), load(REPORT_FONT_FILES.bold)]).then(([regular, bold]) => ({ regular, bold }));
    fonts = p;
    // A failed read is tried again by the next caller rather than remembered.
    p.catch(() => {
      if (fonts === p) fonts = null;
    });
  }
  return fonts;
}
