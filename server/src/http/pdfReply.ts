import type { Response } from 'express';

/** A PDF as a download, with its UTF-8 name and an ASCII fallback. */
export function sendPdf(res: Response, { pdf, fileName, asciiFileName }: { pdf: Uint8Array; fileName: string; asciiFileName: string }): void {
  res
    .type('application/pdf')
    .setHeader('Content-Disposition', `attachment; filename="${asciiFileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}
