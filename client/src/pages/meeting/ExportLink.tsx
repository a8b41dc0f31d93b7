import { useState, type MouseEvent } from 'react';
import { api } from '../../api/endpoints.js';
import { download } from '../../api/http.js';
import { describeError } from '../../components/errors.js';
import { Icon } from '../../editor/icons.js';
import type { MessageKey } from '../../i18n/ar.js';
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

/** What one export link fetches, and how it is named and reported. */
interface ExportSpec {
  href: string;
  label: MessageKey;
  hint: MessageKey;
  fallbackName: string;
  testId: string;
  errorTestId: string;
  quiet?: boolean;
  /** A name that says which one, where several such links are on the page (one per version). */
  accessibleName?: MessageKey;
  /** For the hint and the accessible name. */
  params?: { name: string };
}

/**
 * The exports of the minutes: the same content as a PDF to send or a Word document to edit; the
 * same two with the open amendments as an annex (a draft sent round for comment; a side that
 * drafts its instructions in Word wants the Word one); one version's PDF.
 */
export type ExportChoice = { format: 'pdf' | 'docx' | 'annex' | 'annexDocx' } | { format: 'version'; versionId: string; name: string };

function exportSpec(meetingId: string, choice: ExportChoice): ExportSpec {
  switch (choice.format) {
    case 'pdf':
      return { href: api.minutesPdfPath(meetingId), label: 'meeting.exportPdf', hint: 'meeting.exportPdf.hint', fallbackName: 'minutes.pdf', testId: 'export-pdf', errorTestId: 'export-error' };
    case 'docx':
      return { href: api.minutesDocxPath(meetingId), label: 'meeting.exportDocx', hint: 'meeting.exportDocx.hint', fallbackName: 'minutes.docx', testId: 'export-docx', errorTestId: 'export-docx-error' };
    case 'annex':
      return {
        href: api.minutesPdfPath(meetingId, { annex: true }),
        label: 'meeting.exportAnnex',
        hint: 'meeting.exportAnnex.hint',
        fallbackName: 'minutes.pdf',
        testId: 'export-annex',
        errorTestId: 'export-annex-error',
        quiet: true,
      };
    case 'annexDocx':
      return {
        href: api.minutesDocxPath(meetingId, { annex: true }),
        label: 'meeting.exportAnnexDocx',
        hint: 'meeting.exportAnnexDocx.hint',
        fallbackName: 'minutes.docx',
        testId: 'export-annex-docx',
        errorTestId: 'export-annex-docx-error',
        quiet: true,
      };
    case 'version':
      return {
        href: api.versionPdfPath(meetingId, choice.versionId),
        label: 'history.pdf',
        hint: 'history.pdf.hint',
        fallbackName: 'minutes.pdf',
        testId: 'version-pdf',
        errorTestId: 'version-pdf-error',
        quiet: true,
        accessibleName: 'history.pdf.name',
        params: { name: choice.name },
      };
  }
}

/**
 * "Export PDF" (or Word, annex, a version's PDF): a real link to the file (it works as one with a
 * middle click or without JavaScript); a plain click fetches it instead, to show that the server
 * is preparing it and to report a failure here rather than download an error page.
 */
export function ExportLink({ meetingId, choice = { format: 'pdf' } }: { meetingId: string; choice?: ExportChoice }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const spec = exportSpec(meetingId, choice);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const { blob, fileName } = await download(spec.href);
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
        href={spec.href}
        download
        className={spec.quiet ? 'btn btn-quiet btn-small' : 'btn btn-secondary btn-small'}
        title={t(spec.hint, spec.params)}
        aria-label={spec.accessibleName && !busy ? t(spec.accessibleName, spec.params) : undefined}
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
