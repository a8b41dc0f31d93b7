import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Button } from './ui.js';

export interface ConfirmOptions {
  /** The answer that goes ahead is a destructive one (disabling, removing): shown red, not focused first. */
  danger?: boolean;
}

type Confirm = (message: string, options?: ConfirmOptions) => Promise<boolean>;

interface Question extends ConfirmOptions {
  message: string;
  answer: (yes: boolean) => void;
}

const ConfirmContext = createContext<Confirm>(() => Promise.resolve(false));

/**
 * Questions asked in the page, in the interface's language and direction, not with
 * `window.confirm`: the browser lays its dialog out in its own language ("OK", "localhost
 * says") whatever the interface's. One question at a time; a new one answers the last "no".
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [question, setQuestion] = useState<Question | null>(null);
  const confirm = useCallback<Confirm>(
    (message, options = {}) =>
      new Promise<boolean>((resolve) =>
        setQuestion((last) => {
          last?.answer(false);
          return { ...options, message, answer: resolve };
        }),
      ),
    [],
  );
  const answer = (yes: boolean) => {
    question?.answer(yes);
    setQuestion(null);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {question && <ConfirmDialog key={question.message} question={question} onAnswer={answer} />}
    </ConfirmContext.Provider>
  );
}

/** `await confirm(message)`: true when the user chose to go ahead. */
export function useConfirm(): Confirm {
  return useContext(ConfirmContext);
}

function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer: (yes: boolean) => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const no = useRef<HTMLButtonElement>(null);
  const messageId = useId();
  // Modal: the rest of the page is inert until answered, and Escape answers "no" (onCancel).
  // The first answer focused is chosen after showModal, which focuses the first button itself
  // (autoFocus runs before, on a dialog not yet shown): a destructive "yes" is not the default.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    (question.danger ? no : yes).current?.focus();
  }, [question.danger]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-describedby={messageId}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onAnswer(false);
      }}
      // Closed any other way (never by this code): answered "no", so the question never hangs.
      onClose={() => onAnswer(false)}
    >
      <p id={messageId} className="confirm-message" dir="auto" data-testid="confirm-message">
        {question.message}
      </p>
      <div className="form-actions">
        <Button ref={yes} variant={question.danger ? 'danger' : 'primary'} onClick={() => onAnswer(true)} data-testid="confirm-yes">
          {t('common.confirm')}
        </Button>
        <Button ref={no} variant="quiet" onClick={() => onAnswer(false)} data-testid="confirm-no">
          {t('common.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
