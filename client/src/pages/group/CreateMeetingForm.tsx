import { useState } from 'react';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { MEETING_LANGUAGES, type MeetingLanguage } from '../../../../shared/domain.js';
import { api } from '../../api/endpoints.js';
import { Alert, Button, Card, CheckboxField, SelectField, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useI18n } from '../../i18n/i18n.js';
import { TIME_ZONES } from '../../../../shared/format/timeZones.js';
import { useDigits } from '../../lib/digits.js';
import { defaultMeetingWallTime, wallTimeInWords, zonedWallTimeToIso } from '../../lib/time.js';

export function CreateMeetingForm({ groupId, onCreated, onCancel }: { groupId: string; onCreated: (m: MeetingDto) => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const [isVirtual, setIsVirtual] = useState(false);
  const [timeZone, setTimeZone] = useState<string>(TIME_ZONES[0]);
  const [startsAt, setStartsAt] = useState(() => defaultMeetingWallTime(TIME_ZONES[0]));
  const startsAtOf = (data: FormData) => zonedWallTimeToIso(String(data.get('startsAt')), timeZone);
  const { busy, error, onSubmit } = useFormAction(
    async (data) => {
      const session = String(data.get('sessionNumber') ?? '').trim();
      const meeting = await api.createMeeting(groupId, {
        titleAr: String(data.get('titleAr')),
        titleEn: String(data.get('titleEn')),
        startsAt: startsAtOf(data)!, // `check` refused a date that does not parse
        timeZone,
        sessionNumber: session ? Number(session) : null,
        isVirtual,
        place: isVirtual ? '' : String(data.get('place') ?? ''),
        language: String(data.get('language')) as MeetingLanguage,
      });
      onCreated(meeting);
    },
    { check: (data) => (startsAtOf(data) ? null : 'meetings.create.badDate'), busyAfterSuccess: true },
  );

  return (
    <Card title={t('meetings.create.title')} className="form-card">
      <form className="form-grid form-grid-2" onSubmit={onSubmit} data-testid="create-meeting-form">
        {error && <Alert>{error}</Alert>}
        <TextField label={t('meetings.create.titleAr')} name="titleAr" lang="ar" dir="rtl" required maxLength={300} data-testid="meeting-title-ar" />
        <TextField label={t('meetings.create.titleEn')} name="titleEn" lang="en" dir="ltr" required maxLength={300} data-testid="meeting-title-en" />
        <TextField
          label={t('meetings.create.startsAt')}
          name="startsAt"
          type="datetime-local"
          required
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          hint={wallTimeInWords(startsAt, timeZone, locale, digits) || undefined}
          dir="ltr"
          data-testid="meeting-starts-at"
        />
        <SelectField label={t('meetings.create.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
          {TIME_ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {t(`timeZone.${zone}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('meetings.create.sessionNumber')} name="sessionNumber" type="number" min={1} max={100000} inputMode="numeric" dir="ltr" />
        <SelectField label={t('meetings.create.language')} name="language" defaultValue="both">
          {MEETING_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`language.${language}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t('meetings.create.virtual')} checked={isVirtual} onChange={(e) => setIsVirtual(e.target.checked)} />
        {!isVirtual && <TextField label={t('meetings.create.place')} name="place" maxLength={300} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={busy} data-testid="create-meeting-submit">
            {t('meetings.create.submit')}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
