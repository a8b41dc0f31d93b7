import type { GroupDto } from '../../../../shared/api/groups.js';
import { DIGIT_POLICIES, type DigitPolicy } from '../../../../shared/domain.js';
import { api } from '../../api/endpoints.js';
import { Alert, Card, SelectField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The group's digits: how the numbers and dates the app writes for it appear in Arabic, on its
 * pages, in the text generated into its minutes and in their PDF and Word files. Secretaries
 * and admins choose; the others see the choice.
 */
export function DigitsPanel({ group, canManage, onSaved }: { group: GroupDto; canManage: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { busy, error, onSubmit } = useFormAction(async (data) => {
    const digits = data.get('digits');
    if (digits === group.digits || !DIGIT_POLICIES.includes(digits as DigitPolicy)) return;
    await api.updateGroup(group.id, { digits: digits as DigitPolicy });
    onSaved();
  });
  return (
    <Card title={t('digits.title')}>
      {error && <Alert>{error}</Alert>}
      {canManage ? (
        // Saved as soon as it is chosen; re-mounted with the saved value.
        <form key={group.digits} onSubmit={onSubmit}>
          <SelectField
            label={t('digits.label')}
            name="digits"
            defaultValue={group.digits}
            disabled={busy}
            data-testid="group-digits"
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            {DIGIT_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {t(`digits.${policy}`)}
              </option>
            ))}
          </SelectField>
        </form>
      ) : (
        <p data-testid="group-digits">{t(`digits.${group.digits}`)}</p>
      )}
      <p className="muted">{t('digits.hint')}</p>
    </Card>
  );
}
