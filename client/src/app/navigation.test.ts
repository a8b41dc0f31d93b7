// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { addNavigationGuard, navigate } from './navigation.js';

const here = () => window.location.pathname;
let removeGuard = () => {};
afterEach(() => removeGuard());

/** A guard answered by the test, as the in-page question is answered by the user. */
function askingGuard(): { answer: (yes: boolean) => void } {
  let answer: (yes: boolean) => void = () => {};
  removeGuard = addNavigationGuard(() => new Promise<boolean>((resolve) => (answer = resolve)));
  return { answer: (yes) => answer(yes) };
}

describe('navigate', () => {
  it('goes at once without a guard', () => {
    window.history.replaceState(null, '', '/a');
    navigate('/b');
    expect(here()).toBe('/b');
  });

  it('waits for a guard, and goes only if it lets the user leave', async () => {
    window.history.replaceState(null, '', '/a');
    const guard = askingGuard();
    navigate('/b');
    expect(here()).toBe('/a');
    guard.answer(false);
    await Promise.resolve();
    await Promise.resolve();
    expect(here()).toBe('/a');
    navigate('/b');
    guard.answer(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(here()).toBe('/b');
  });

  it('does nothing when answered after the user went elsewhere meanwhile (Back)', async () => {
    window.history.replaceState(null, '', '/a');
    const guard = askingGuard();
    navigate('/b');
    window.history.replaceState(null, '', '/c');
    guard.answer(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(here()).toBe('/c');
  });
});
