import { useState } from 'react';
import { Button } from '../../../components/ui.js';
import { useI18n } from '../../../i18n/i18n.js';
import { TextArea } from './TextArea.js';

/** A short form of one counted text (a reply, a reason for rejecting) with its button and Cancel. */
export function TextForm({
  label,
  submitLabel,
  danger,
  busy,
  testId,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  danger?: boolean;
  busy: boolean;
  /** `<testId>-body` for the text, `<testId>-submit` for the button. */
  testId: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      className="entry-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text.trim());
      }}
    >
      <TextArea label={label} value={text} counted required autoFocus onChange={(e) => setText(e.target.value)} data-testid={`${testId}-body`} />
      <div className="form-actions">
        <Button type="submit" variant={danger ? 'danger' : 'primary'} className="btn-small" disabled={busy || !text.trim()} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
        <Button variant="quiet" className="btn-small" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
