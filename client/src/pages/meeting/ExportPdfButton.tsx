import { useState, type MouseEvent } from 'react';
import { api } from '../../api/endpoints.js';
import { download } from '../../api/http.js';
import { describeError } from '../../components/errors.js';
import { Icon } from '../../editor/icons.js';
import { useI18n } from '../../i18n/i18n.js';

/** What the export's refusals mean here (see the export limits in the README). */
const EXPORT_ERRORS = { 413: 'meeting.exportTooLarge', 429: 'meeting.exportLimit', 503: 'meeting.exportBusy' } as const;

/** Saves `blob` under `fileName` through a temporary link (the usual browser download). */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The two exports of the minutes: the same content, as a PDF to send or a Word document to edit. */
const FORMATS = {
  pdf: { path: api.minutesPdfPath, label: 'meeting.exportPdf', hint: 'meeting.exportPdf.hint', fallbackName: 'minutes.pdf', testId: 'export-pdf', errorTestId: 'export-error' },
  docx: { path: api.minutesDocxPath, label: 'meeting.exportDocx', hint: 'meeting.exportDocx.hint', fallbackName: 'minutes.docx', testId: 'export-docx', errorTestId: 'export-docx-error' },
} as const;

/**
 * "Export PDF" (or "Export Word"): a real link to the file (it works as one with a middle click
 * or without JavaScript); a plain click fetches it instead, to show that the server is preparing
 * it and to report a failure here rather than download an error page.
 */
export function ExportPdfButton({ meetingId, format = 'pdf' }: { meetingId: string; format?: keyof typeof FORMATS }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const spec = FORMATS[format];
  const href = spec.path(meetingId);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const { blob, fileName } = await download(href);
      saveFile(blob, fileName ?? spec.fallbackName);
    } catch (e) {
      setError(`${t('meeting.exportFailed')} ${describeError(e, t, EXPORT_ERRORS)}`);
    } finally {
      setBusy(false);
    }
  }

  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!busy) void run();
  }

  return (
    <>
      <a
        href={href}
        download
        className="btn btn-secondary btn-small"
        title={t(spec.hint)}
        aria-busy={busy}
        aria-disabled={busy}
        data-testid={spec.testId}
        onClick={handleClick}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="download" />}
        <span>{busy ? t('meeting.exporting') : t(spec.label)}</span>
      </a>
      {error && (
        <span className="inline-error" role="alert" data-testid={spec.errorTestId}>
          {error}
        </span>
      )}
    </>
  );
}
