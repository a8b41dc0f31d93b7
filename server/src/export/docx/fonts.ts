import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CharacterSet } from 'docx';
import { FONT_DIR } from '../pdf/fonts.js';

/** The PDF's families (minutes.typ): Latin text in Noto Sans, Arabic in Noto Naskh Arabic. */
export const LATIN_FONT = 'Noto Sans';
export const ARABIC_FONT = 'Noto Naskh Arabic';

type EmbeddedFont = { name: string; data: Buffer; bold?: Buffer; italic?: Buffer; boldItalic?: Buffer; characterSet?: (typeof CharacterSet)[keyof typeof CharacterSet] };

const files = new Map<string, Buffer>();

function face(name: string): Buffer {
  let data = files.get(name);
  if (!data) files.set(name, (data = readFileSync(join(FONT_DIR, `${name}.ttf`))));
  return data;
}

/**
 * The shipped faces (OFL, which permits embedding), embedded in the document: Word and
 * LibreOffice then show the minutes in the PDF's fonts on a machine that does not have them. The
 * italic faces (half of the 2.4 MB) only when some text is italic.
 */
export function embeddedFonts(options: { italic: boolean }): EmbeddedFont[] {
  return [
    {
      name: LATIN_FONT,
      data: face('NotoSans-Regular'),
      bold: face('NotoSans-Bold'),
      ...(options.italic && { italic: face('NotoSans-Italic'), boldItalic: face('NotoSans-BoldItalic') }),
    },
    { name: ARABIC_FONT, data: face('NotoNaskhArabic-Regular'), bold: face('NotoNaskhArabic-Bold'), characterSet: CharacterSet.ARABIC },
  ];
}
