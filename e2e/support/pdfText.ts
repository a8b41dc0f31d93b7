import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Download } from '@playwright/test';

/**
 * Text as compared across the PDF round trip: NFKC (presentation forms back to letters), without
 * bidi controls (U+200E/F, U+202A–202E, U+2066–2069), tatweel (U+0640) or any whitespace.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]/g, '')
    .replace(/\s+/gu, '');
}

/** A downloaded file that must be a PDF: its text (poppler's pdftotext), normalised. */
export async function downloadedPdfText(download: Download): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mahdar-pdf-'));
  try {
    const file = path.join(dir, 'minutes.pdf');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return normalise(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
