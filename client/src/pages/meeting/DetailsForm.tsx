import { useId, useState } from 'react';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { MEETING_LANGUAGES, type MeetingLanguage } from '../../../../shared/domain.js';
import { api } from '../../api/endpoints.js';
import { ActionsHeader, Alert, Button, CheckboxField, SelectField, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import type { MessageKey } from '../../i18n/ar.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { wallTimeInWords } from '../../lib/time.js';
import { isOfferedTimeZone, TIME_ZONES } from '../../../../shared/format/timeZones.js';
import type { Side } from '../../../../shared/api/groups.js';
import { draftOf, emptyAttendee, emptyDelegation, patchOf, sideDelegationName, sidesWithoutDelegation, type DelegationDraft, type DetailsDraft } from './detailsDraft.js';

const ROLE_KEYS: MessageKey[] = ['details.role.head', 'details.role.deputy', 'details.role.member', 'details.role.adviser'];

function DelegationEditor({
  delegation,
  roleListId,
  sideListId,
  onChange,
  onRemove,
}: {
  delegation: DelegationDraft;
  roleListId: string;
  sideListId: string;
  onChange: (next: DelegationDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const setAttendee = (key: number, field: 'name' | 'title' | 'role', value: string) =>
    onChange({ ...delegation, attendees: delegation.attendees.map((a) => (a.key === key ? { ...a, [field]: value } : a)) });

  return (
    <fieldset className="delegation-editor" data-testid="delegation-editor">
      <legend className="visually-hidden">{delegation.name || t('details.delegationName')}</legend>
      <div className="delegation-editor-head">
        <TextField
          label={t('details.delegationName')}
          value={delegation.name}
          required
          maxLength={200}
          data-testid="delegation-name"
          list={sideListId}
          onChange={(e) => onChange({ ...delegation, name: e.target.value })}
        />
        <Button variant="danger" className="btn-small" data-testid="remove-delegation" onClick={onRemove}>
          {t('details.removeDelegation')}
        </Button>
      </div>
      <table className="table attendee-table table-stack">
        <thead>
          <tr>
            <th scope="col">{t('details.attendeeName')}</th>
            <th scope="col">{t('details.attendeeTitle')}</th>
            <th scope="col">{t('details.attendeeRole')}</th>
            <ActionsHeader label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {delegation.attendees.map((attendee) => (
            <tr key={attendee.key} data-testid="attendee-row">
              <td data-label={t('details.attendeeName')}>
                <input
                  aria-label={t('details.attendeeName')}
                  value={attendee.name}
                  dir="auto"
                  maxLength={200}
                  required={Boolean(attendee.title.trim() || attendee.role.trim())}
                  data-testid="attendee-name"
                  onChange={(e) => setAttendee(attendee.key, 'name', e.target.value)}
                />
              </td>
              <td data-label={t('details.attendeeTitle')}>
                <input
                  aria-label={t('details.attendeeTitle')}
                  value={attendee.title}
                  dir="auto"
                  maxLength={200}
                  data-testid="attendee-title"
                  onChange={(e) => setAttendee(attendee.key, 'title', e.target.value)}
                />
              </td>
              <td data-label={t('details.attendeeRole')}>
                <input
                  aria-label={t('details.attendeeRole')}
                  value={attendee.role}
                  dir="auto"
                  maxLength={200}
                  list={roleListId}
                  data-testid="attendee-role"
                  onChange={(e) => setAttendee(attendee.key, 'role', e.target.value)}
                />
              </td>
              <td className="cell-actions">
                <Button
                  variant="quiet"
                  className="btn-small"
                  aria-label={t('details.removeAttendee')}
                  title={t('details.removeAttendee')}
                  data-testid="remove-attendee"
                  onClick={() => onChange({ ...delegation, attendees: delegation.attendees.filter((a) => a.key !== attendee.key) })}
                >
                  {t('common.remove')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button
          variant="secondary"
          className="btn-small"
          data-testid="add-attendee"
          onClick={() => onChange({ ...delegation, attendees: [...delegation.attendees, emptyAttendee()] })}
        >
          {t('details.addAttendee')}
        </Button>
      </div>
    </fieldset>
  );
}

/** The secretaries' form for every detail of a meeting; saves only what changed. */
export function DetailsForm({
  meeting,
  sides,
  onSaved,
  onCancel,
}: {
  meeting: MeetingDto;
  /** The group's sides: offered as delegations. */
  sides: Side[];
  onSaved: (meeting: MeetingDto) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const roleListId = useId();
  const sideListId = useId();
  // What the form started from: the patch is the difference to it.
  const [base] = useState(meeting);
  const [draft, setDraft] = useState<DetailsDraft>(() => draftOf(meeting));
  const set = <K extends keyof DetailsDraft>(key: K, value: DetailsDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const zones: string[] = TIME_ZONES.includes(draft.timeZone as (typeof TIME_ZONES)[number]) ? [...TIME_ZONES] : [draft.timeZone, ...TIME_ZONES];
  // The inputs are controlled: the draft, not the form's data, says what to send.
  const { busy, error, onSubmit } = useFormAction(
    async () => {
      const patch = patchOf(base, draft);
      if (patch === 'badDate') return; // refused by `check`
      if (Object.keys(patch).length === 0) onCancel();
      else onSaved(await api.updateMeeting(meeting.id, patch));
    },
    { check: () => (patchOf(base, draft) === 'badDate' ? 'meetings.create.badDate' : null), busyAfterSuccess: true },
  );

  return (
    <form className="details-form" onSubmit={onSubmit} data-testid="details-form" aria-label={t('details.editTitle')}>
      {meeting.updatedAt !== base.updatedAt && (
        <Alert tone="warning" testId="details-changed-elsewhere">
          {t('details.changedElsewhere')}
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="form-grid form-grid-2">
        <TextField
          label={t('meetings.create.titleAr')}
          lang="ar"
          dir="rtl"
          required
          maxLength={300}
          value={draft.titleAr}
          data-testid="details-title-ar"
          onChange={(e) => set('titleAr', e.target.value)}
        />
        <TextField
          label={t('meetings.create.titleEn')}
          lang="en"
          dir="ltr"
          required
          maxLength={300}
          value={draft.titleEn}
          data-testid="details-title-en"
          onChange={(e) => set('titleEn', e.target.value)}
        />
        <TextField
          label={t('meetings.create.startsAt')}
          type="datetime-local"
          required
          dir="ltr"
          value={draft.startsAt}
          hint={wallTimeInWords(draft.startsAt, draft.timeZone, locale, digits) || undefined}
          data-testid="details-starts-at"
          onChange={(e) => set('startsAt', e.target.value)}
        />
        <SelectField label={t('meetings.create.timeZone')} value={draft.timeZone} data-testid="details-time-zone" onChange={(e) => set('timeZone', e.target.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {isOfferedTimeZone(zone) ? t(`timeZone.${zone}`) : zone}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('meetings.create.sessionNumber')}
          type="number"
          min={1}
          max={100000}
          inputMode="numeric"
          dir="ltr"
          value={draft.sessionNumber}
          data-testid="details-session"
          onChange={(e) => set('sessionNumber', e.target.value)}
        />
        <SelectField
          label={t('meetings.create.language')}
          value={draft.language}
          data-testid="details-language"
          onChange={(e) => set('language', e.target.value as MeetingLanguage)}
        >
          {MEETING_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`language.${language}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t('meetings.create.virtual')} checked={draft.isVirtual} data-testid="details-virtual" onChange={(e) => set('isVirtual', e.target.checked)} />
        {!draft.isVirtual && (
          <TextField label={t('meetings.create.place')} maxLength={300} value={draft.place} data-testid="details-place" onChange={(e) => set('place', e.target.value)} />
        )}
      </div>

      <h3>{t('details.delegations')}</h3>
      <datalist id={roleListId}>
        {ROLE_KEYS.map((key) => (
          <option key={key} value={t(key)} />
        ))}
      </datalist>
      <datalist id={sideListId}>
        {sides.map((side) => (
          <option key={side.key} value={sideDelegationName(side, meeting.language)} />
        ))}
      </datalist>
      {draft.delegations.map((delegation) => (
        <DelegationEditor
          key={delegation.key}
          delegation={delegation}
          roleListId={roleListId}
          sideListId={sideListId}
          onChange={(next) => set('delegations', draft.delegations.map((d) => (d.key === next.key ? next : d)))}
          onRemove={() => set('delegations', draft.delegations.filter((d) => d.key !== delegation.key))}
        />
      ))}
      <div>
        <Button variant="secondary" className="btn-small" data-testid="add-delegation" onClick={() => set('delegations', [...draft.delegations, emptyDelegation()])}>
          {t('details.addDelegation')}
        </Button>
        {sidesWithoutDelegation(sides, draft.delegations).map((side) => (
          <Button
            key={side.key}
            variant="quiet"
            className="btn-small"
            data-testid={`add-side-delegation-${side.key}`}
            onClick={() => set('delegations', [...draft.delegations, { ...emptyDelegation(), name: sideDelegationName(side, meeting.language) }])}
          >
            {t('details.addSideDelegation', { name: sideDelegationName(side, meeting.language) })}
          </Button>
        ))}
      </div>

      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={busy} data-testid="details-save">
          {busy ? t('common.saving') : t('common.save')}
        </Button>
        <Button variant="quiet" onClick={onCancel} data-testid="details-cancel">
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
