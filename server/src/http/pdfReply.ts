import type { Response } from 'express';
import type { ExportedFile } from '../commands/exportPdf.js';

const CONTENT_TYPES: Record<ExportedFile['format'], string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** An exported file (PDF or Word) as a download, with its UTF-8 name and an ASCII fallback. */
export function sendExport(res: Response, { file, format, fileName, asciiFileName }: ExportedFile): void {
  res
    .type(CONTENT_TYPES[format])
    .setHeader('Content-Disposition', `attachment; filename="${asciiFileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
}
