// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http.js';
import { en } from '../i18n/en.js';
import { useDomRoot } from '../testing/domRoot.js';
import { useFormAction, type FormActionOptions } from './useFormAction.js';

type Action = (data: FormData, form: HTMLFormElement) => Promise<unknown>;

/** `busy` in every render, to see states that a later render replaces. */
let busyLog: boolean[] = [];

function TestForm({ action, options }: { action: Action; options?: FormActionOptions }) {
  const { busy, error, onSubmit } = useFormAction(action, options);
  busyLog.push(busy);
  return (
    <form onSubmit={onSubmit}>
      {error && <p role="alert">{error}</p>}
      <input name="password" defaultValue="one password" />
      <input name="confirm" defaultValue="one password" />
      <button type="submit" disabled={busy}>
        send
      </button>
    </form>
  );
}

/** A promise the test settles by hand: the action "in flight". */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const dom = useDomRoot('en');

beforeEach(() => {
  busyLog = [];
});

function render(action: Action, options?: FormActionOptions) {
  dom.render(<TestForm action={action} options={options} />);
}

const form = () => dom.container.querySelector('form')!;
const button = () => dom.container.querySelector('button')!;
const errorText = () => dom.container.querySelector('[role="alert"]')?.textContent ?? null;

async function submit() {
  await act(async () => {
    form().dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('useFormAction', () => {
  it('runs the action with the form and its data, busy while it runs, ready again after', async () => {
    const pending = deferred();
    const action = vi.fn<Action>(() => pending.promise);
    render(action);

    await submit();
    expect(action).toHaveBeenCalledTimes(1);
    const [data, target] = action.mock.calls[0]!;
    expect(data.get('password')).toBe('one password');
    expect(target).toBe(form());
    expect(button().disabled).toBe(true);

    await act(async () => pending.resolve());
    expect(button().disabled).toBe(false);
    expect(errorText()).toBeNull();
  });

  it('does not load a page: the submit event is cancelled', async () => {
    render(async () => undefined);
    const event = new Event('submit', { bubbles: true, cancelable: true });
    await act(async () => {
      form().dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
  });

  it('stays busy after success when the form is about to go away', async () => {
    render(async () => undefined, { busyAfterSuccess: true });
    await submit();
    expect(button().disabled).toBe(true);
  });

  it("shows an API error as describeError does, with the form's own statuses", async () => {
    render(() => Promise.reject(new ApiError(401, 'unauthorized', 'bad credentials')), { errors: { 401: 'login.invalid' }, busyAfterSuccess: true });
    await submit();
    expect(errorText()).toBe(en['login.invalid']);
    // A failure makes the form ready again, even one that stays busy after success.
    expect(button().disabled).toBe(false);
  });

  it("never shows the server's English sentence: without a wait to show, the catalogue's message for the status", async () => {
    render(() => Promise.reject(new ApiError(429, 'rate_limited', 'try again in 60 s')), { errors: { 401: 'login.invalid' } });
    await submit();
    expect(errorText()).toBe(en['error.rateLimited']);
  });

  it('says in the interface language how long to wait when the server sent Retry-After', async () => {
    render(() => Promise.reject(new ApiError(429, 'sign_in_rate_limited', 'Too many failed sign-ins. Try again in 8 seconds.', [], 8)));
    await submit();
    expect(errorText()).toBe(en['error.code.sign_in_rate_limited'].replace('{seconds}', '\u20688\u2069'));
  });

  it('shows anything else thrown as an unexpected error', async () => {
    render(() => Promise.reject(new TypeError('boom')));
    await submit();
    expect(errorText()).toBe(en['error.unexpected']);
  });

  it('clears the error when the form is sent again', async () => {
    const pending = deferred();
    const action = vi.fn<Action>().mockRejectedValueOnce(new ApiError(0, 'network', 'offline')).mockReturnValueOnce(pending.promise);
    render(action);

    await submit();
    expect(errorText()).toBe(en['error.network']);
    await submit();
    expect(errorText()).toBeNull();
    expect(button().disabled).toBe(true);
    await act(async () => pending.resolve());
    expect(errorText()).toBeNull();
  });

  it('refuses what `check` refuses: the message is shown, nothing is sent, the form never turns busy', async () => {
    const action = vi.fn<Action>(async () => undefined);
    const check = vi.fn((data: FormData) => (data.get('password') === data.get('confirm') ? null : ('field.passwordMismatch' as const)));
    render(action, { check, busyAfterSuccess: true });
    (dom.container.querySelector('input[name="confirm"]') as HTMLInputElement).value = 'another password';

    await submit();
    expect(check).toHaveBeenCalledTimes(1);
    expect(action).not.toHaveBeenCalled();
    expect(errorText()).toBe(en['field.passwordMismatch']);
    expect(busyLog).not.toContain(true);

    (dom.container.querySelector('input[name="confirm"]') as HTMLInputElement).value = 'one password';
    await submit();
    expect(action).toHaveBeenCalledTimes(1);
    expect(errorText()).toBeNull();
  });
});
