import { useState } from 'react';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import type { CompareBlock, VersionDto } from '../../../../shared/api/versions.js';
import { api } from '../../api/endpoints.js';
import { describeError } from '../../components/errors.js';
import { Alert, Badge, Button, Card, Loading, TextField } from '../../components/ui.js';
import { useResource } from '../../hooks/useResource.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { formatTimestamp } from '../../lib/time.js';
import { useVersionEvents, type AppSocket } from '../../realtime/socket.js';
import { CompareView } from './CompareView.js';
import { ExportLink } from './ExportLink.js';
import { hashPrefix, KIND_TONE, versionTitle } from './versionLabels.js';
import { useConfirm } from '../../components/confirm.js';

/** A choice among the versions, after a first option (none, or the current text). */
function VersionSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  first: { value: string; label: string };
  versions: VersionDto[];
  name: (version: VersionDto) => string;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
        <option value={props.first.value}>{props.first.label}</option>
        {props.versions.map((v) => (
          <option key={v.id} value={v.id}>
            {props.name(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

type View = { kind: 'text'; version: VersionDto; lines: string[] } | { kind: 'compare'; from: VersionDto; to: VersionDto | null; blocks: CompareBlock[] };

/**
 * The versions of the minutes: kind, label, author, time; open one read-only, compare two (or
 * one with the current text), download one as a PDF, restore one (secretaries, on a draft). New
 * versions appear live.
 */
export function HistoryPanel({ meeting, socket }: { meeting: MeetingDto; socket: AppSocket | null }) {
  const { t, locale } = useI18n();
  const confirm = useConfirm();
  const digits = useDigits();
  const [versions, reload] = useResource(() => api.versions(meeting.id), meeting.id);
  useVersionEvents(socket, meeting.id, reload);
  const [view, setView] = useState<View | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [showEqual, setShowEqual] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = versions.status === 'ready' ? versions.data : [];
  const byId = (id: string) => list.find((v) => v.id === id) ?? null;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }
  const open = (version: VersionDto) =>
    run(async () => setView({ kind: 'text', version, lines: (await api.versionText(meeting.id, version.id)).split('\n') }));
  const compare = (fromId: string, toId: string) =>
    run(async () => {
      const { blocks } = await api.compare(meeting.id, fromId, toId);
      setView({ kind: 'compare', from: byId(fromId)!, to: toId === 'current' ? null : byId(toId), blocks });
    });
  const restore = async (version: VersionDto) => {
    if (!(await confirm(t('history.confirmRestore', { n: version.number })))) return;
    await run(async () => {
      await api.restoreVersion(meeting.id, version.id);
      reload();
    });
  };
  // Named in the page, not in window.prompt: the browser's dialog is laid out in its own
  // language and direction, whatever the interface's, and an Arabic name typed there ran LTR.
  const [naming, setNaming] = useState<string | null>(null);
  const save = (label: string) =>
    void run(async () => {
      await api.createVersion(meeting.id, { label });
      setNaming(null);
      reload();
    });

  const versionName = (v: VersionDto | null) => (v ? t('history.number', { n: formatNumber(v.number, locale, digits) }) : t('history.current'));
  return (
    <Card
      title={t('history.title')}
      className="history-panel"
      actions={
        meeting.access !== 'read' && (
          <Button className="btn-small" disabled={busy || naming !== null} onClick={() => setNaming('')} data-testid="save-version">
            {t('history.save')}
          </Button>
        )
      }
    >
      <div data-testid="history-panel">
        {naming !== null && (
          <form
            className="inline-form version-name-form"
            data-testid="version-name-form"
            onSubmit={(e) => {
              e.preventDefault();
              save(naming);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setNaming(null);
            }}
          >
            <TextField label={t('history.labelPrompt')} value={naming} onChange={(e) => setNaming(e.target.value)} maxLength={200} autoFocus data-testid="version-name" />
            <Button type="submit" variant="primary" className="btn-small" disabled={busy} data-testid="version-name-save">
              {t('history.save')}
            </Button>
            <Button variant="quiet" className="btn-small" disabled={busy} onClick={() => setNaming(null)}>
              {t('common.cancel')}
            </Button>
          </form>
        )}
        {error && <Alert>{error}</Alert>}
        {versions.status === 'loading' && <Loading label={t('common.loading')} />}
        {versions.status === 'error' && <Alert>{describeError(versions.error, t)}</Alert>}
        {versions.status === 'ready' && list.length === 0 && <p className="empty">{t('history.empty')}</p>}
        {list.length > 0 && (
          <ol className="version-list">
            {[...list].reverse().map((v) => (
              <li key={v.id} className="version-row" data-testid="version" data-kind={v.kind} data-number={v.number}>
                <span className="version-number">{versionName(v)}</span>
                <Badge tone={KIND_TONE[v.kind]}>{t(`versionKind.${v.kind}`)}</Badge>
                <bdi className="version-label" dir="auto">
                  {versionTitle(v, t)}
                </bdi>
                <span className="muted">
                  <bdi dir="auto">{v.createdBy?.name ?? '—'}</bdi> · {formatTimestamp(v.createdAt, locale, digits)}
                </span>
                <code className="version-hash" dir="ltr" title={v.sha256}>
                  {hashPrefix(v.sha256)}
                </code>
                <span className="version-actions">
                  <Button variant="quiet" className="btn-small" disabled={busy} onClick={() => void open(v)} data-testid="version-open">
                    {t('history.open')}
                  </Button>
                  <Button variant="quiet" className="btn-small" disabled={busy} onClick={() => void compare(v.id, 'current')} data-testid="version-compare-current">
                    {t('history.compareCurrent')}
                  </Button>
                  <ExportLink meetingId={meeting.id} choice={{ format: 'version', versionId: v.id, name: versionName(v) }} />
                  {meeting.access === 'manage' && meeting.status === 'draft' && (
                    <Button variant="quiet" className="btn-small" disabled={busy} onClick={() => void restore(v)} data-testid="version-restore">
                      {t('history.restore')}
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ol>
        )}
        {list.length > 0 && (
          <form
            className="inline-form compare-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (from) void compare(from, to);
            }}
          >
            <VersionSelect label={t('history.from')} value={from} onChange={setFrom} testId="compare-from" first={{ value: '', label: t('history.chooseVersion') }} versions={list} name={versionName} />
            <VersionSelect label={t('history.to')} value={to} onChange={setTo} testId="compare-to" first={{ value: 'current', label: t('history.current') }} versions={list} name={versionName} />
            <Button type="submit" className="btn-small" disabled={busy || !from} data-testid="compare-submit">
              {t('history.compare')}
            </Button>
          </form>
        )}
        {view && (
          <section className="version-view" aria-live="polite">
            <header className="version-view-head">
              <h3>
                {view.kind === 'text' ? t('history.viewing', { name: versionName(view.version) }) : t('history.comparing', { from: versionName(view.from), to: versionName(view.to) })}
              </h3>
              {view.kind === 'compare' && (
                <label className="checkbox">
                  <input type="checkbox" checked={showEqual} onChange={(e) => setShowEqual(e.target.checked)} /> {t('compare.showEqual')}
                </label>
              )}
              <Button variant="quiet" className="btn-small" onClick={() => setView(null)}>
                {t('history.close')}
              </Button>
            </header>
            {view.kind === 'text' ? (
              <div className="version-text" data-testid="version-text">
                {view.lines.map((line, i) => (
                  <p key={i} dir="auto">
                    {line}
                  </p>
                ))}
              </div>
            ) : (
              <CompareView blocks={view.blocks} showEqual={showEqual} />
            )}
          </section>
        )}
      </div>
    </Card>
  );
}
