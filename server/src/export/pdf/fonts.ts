import { fileURLToPath } from 'node:url';

/** Fonts shipped with the project (OFL, see OFL.txt there), so output does not depend on the host. */
export const FONT_DIR = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));

/** The PostScript names of the shipped faces, as a PDF lists its embedded fonts. */
export const SHIPPED_FONTS = [
  'NotoNaskhArabic-Regular',
  'NotoNaskhArabic-Bold',
  'NotoSans-Regular',
  'NotoSans-Bold',
  'NotoSans-Italic',
  'NotoSans-BoldItalic',
] as const;
