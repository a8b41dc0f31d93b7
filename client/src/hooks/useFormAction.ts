import { useState, type FormEvent } from 'react';
import { describeError, type ErrorOverrides } from '../components/errors.js';
import type { MessageKey } from '../i18n/ar.js';
import { useI18n } from '../i18n/i18n.js';

export interface FormActionOptions {
  /**
   * A check made before anything is sent (passwords that differ, a date that does not parse):
   * a message refuses the submission and is shown as the error; the form does not turn busy.
   */
  check?: (data: FormData) => MessageKey | null;
  /** Messages for the HTTP statuses that mean something particular to this form (see `describeError`). */
  errors?: ErrorOverrides;
  /**
   * For a form that success takes away (signing in, a form that closes): it stays busy (the
   * submit button disabled) after success, so it cannot be sent twice before it goes. Without
   * it, the form is ready again once the action has finished.
   */
  busyAfterSuccess?: boolean;
}

export interface FormAction {
  /** The action is running: disable the submit button. */
  busy: boolean;
  /** What went wrong last time, in the interface language; cleared when the form is sent again. */
  error: string | null;
  /** The form's `onSubmit`: no page load, runs the action with what the form holds. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * The submission of a form that calls the API: `action` gets the form's data (and the form, to
 * reset it); while it runs the form is busy, and what it throws becomes the error to show
 * (`describeError`, with `options.errors` for this form's own statuses).
 */
export function useFormAction(action: (data: FormData, form: HTMLFormElement) => Promise<unknown>, options: FormActionOptions = {}): FormAction {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const refusal = options.check?.(data);
    if (refusal) {
      setError(t(refusal));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action(data, form);
    } catch (e) {
      setError(describeError(e, t, options.errors));
      setBusy(false);
      return;
    }
    if (!options.busyAfterSuccess) setBusy(false);
  }

  return {
    busy,
    error,
    onSubmit: (event) => {
      event.preventDefault();
      void submit(event.currentTarget);
    },
  };
}
