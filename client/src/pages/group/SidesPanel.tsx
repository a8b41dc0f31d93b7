import { useState } from 'react';
import type { GroupDto, Side } from '../../../../shared/api/groups.js';
import { api } from '../../api/endpoints.js';
import { Alert, Button, Card, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The parties of the group (e.g. الكويت / Kuwait, المملكة المتحدة / United Kingdom): each side's
 * approvers agree the minutes. Secretaries and admins edit them.
 */
export function SidesPanel({ group, canManage, onSaved }: { group: GroupDto; canManage: boolean; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Side[]>(group.sides);
  const { busy, error, onSubmit } = useFormAction(async () => {
    await api.updateGroup(group.id, { sides: draft });
    setEditing(false);
    onSaved();
  });
  const setSide = (i: number, field: keyof Side, value: string) => setDraft((d) => d.map((s, j) => (j === i ? { ...s, [field]: value } : s)));

  return (
    <Card
      title={t('sides.title')}
      actions={
        canManage &&
        !editing && (
          <Button
            variant="quiet"
            className="btn-small"
            data-testid="sides-edit"
            onClick={() => {
              setDraft(group.sides);
              setEditing(true);
            }}
          >
            {t('details.edit')}
          </Button>
        )
      }
    >
      {!editing ? (
        group.sides.length === 0 ? (
          <p className="empty">{t('sides.none')}</p>
        ) : (
          <ul className="side-list" data-testid="sides">
            {group.sides.map((side) => (
              <li key={side.key} className="side-row">
                <bdi className="side-name" dir="auto">
                  {locale === 'ar' ? side.nameAr : side.nameEn}
                </bdi>
                <code dir="ltr">{side.key}</code>
              </li>
            ))}
          </ul>
        )
      ) : (
        <form className="details-form" onSubmit={onSubmit} data-testid="sides-form">
          {error && <Alert>{error}</Alert>}
          {draft.map((side, i) => (
            <fieldset key={i} className="side-editor">
              <TextField label={t('sides.key')} value={side.key} dir="ltr" required maxLength={32} pattern="[a-z0-9][a-z0-9\-]*" onChange={(e) => setSide(i, 'key', e.target.value)} />
              <TextField label={t('sides.nameAr')} value={side.nameAr} dir="rtl" required maxLength={200} onChange={(e) => setSide(i, 'nameAr', e.target.value)} />
              <TextField label={t('sides.nameEn')} value={side.nameEn} dir="ltr" required maxLength={200} onChange={(e) => setSide(i, 'nameEn', e.target.value)} />
              <Button variant="danger" className="btn-small" onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </Button>
            </fieldset>
          ))}
          <div className="form-actions">
            <Button className="btn-small" onClick={() => setDraft((d) => [...d, { key: '', nameAr: '', nameEn: '' }])}>
              {t('sides.add')}
            </Button>
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
            <Button variant="quiet" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
