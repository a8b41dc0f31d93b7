import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download } from '@playwright/test';
import { paragraphsOf, part, type XmlParagraph } from '../../server/src/export/docx/fixtures/docxTools.js';

/** A downloaded Word document's body paragraphs (table cells' included), in document order. */
export async function downloadedDocxParagraphs(download: Download): Promise<XmlParagraph[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mahdar-docx-'));
  try {
    const file = path.join(dir, 'minutes.docx');
    await download.saveAs(file);
    return paragraphsOf(part(new Uint8Array(fs.readFileSync(file)), 'word/document.xml'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
