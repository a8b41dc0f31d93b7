import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CharacterSet } from 'docx';
import { FONT_DIR } from '../pdf/fonts.js';

/** The PDF's families (minutes.typ): Latin text in Noto Sans, Arabic in Noto Naskh Arabic. */
export const LATIN_FONT = 'Noto Sans';
export const ARABIC_FONT = 'Noto Naskh Arabic';

type EmbeddedFont = { name: string; data: Buffer; bold?: Buffer; italic?: Buffer; boldItalic?: Buffer; characterSet?: (typeof CharacterSet)[keyof typeof CharacterSet] };

let loaded: EmbeddedFont[] | undefined;

/**
 * The shipped faces (OFL, which permits embedding), embedded in every document: Word and
 * LibreOffice then show the minutes in the PDF's fonts on a machine that does not have them.
 */
export function embeddedFonts(): EmbeddedFont[] {
  const file = (name: string) => readFileSync(join(FONT_DIR, `${name}.ttf`));
  loaded ??= [
    {
      name: LATIN_FONT,
      data: file('NotoSans-Regular'),
      bold: file('NotoSans-Bold'),
      italic: file('NotoSans-Italic'),
      boldItalic: file('NotoSans-BoldItalic'),
    },
    { name: ARABIC_FONT, data: file('NotoNaskhArabic-Regular'), bold: file('NotoNaskhArabic-Bold'), characterSet: CharacterSet.ARABIC },
  ];
  return loaded;
}
