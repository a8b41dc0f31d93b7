import type { MessageKey } from '../i18n/ar.js';
import { useI18n } from '../i18n/i18n.js';
import { TextField } from './ui.js';

/** A new password (`password`) typed twice (`confirm`): the first administrator, an invited person. */
export function NewPasswordFields() {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('field.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        dir="ltr"
        required
        minLength={8}
        hint={t('field.passwordHint')}
      />
      <TextField label={t('field.passwordConfirm')} name="confirm" type="password" autoComplete="new-password" dir="ltr" required minLength={8} />
    </>
  );
}

/** The `check` of a form with `NewPasswordFields` (see `useFormAction`): both entries must be the same. */
export function passwordMismatch(data: FormData): MessageKey | null {
  return String(data.get('password')) === String(data.get('confirm')) ? null : 'field.passwordMismatch';
}
