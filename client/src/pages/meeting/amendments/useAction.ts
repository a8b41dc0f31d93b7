import { useState } from 'react';
import { describeError } from '../../../components/errors.js';
import { useI18n } from '../../../i18n/i18n.js';

/** One request at a time from an item's buttons: busy while it runs, its failure as a sentence. */
export function useAction() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<T>(action: () => Promise<T>, done?: (result: T) => void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      done?.(await action());
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
