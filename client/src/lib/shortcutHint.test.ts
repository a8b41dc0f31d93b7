import { describe, expect, it } from 'vitest';
import { shortcutKeys } from './shortcutHint.js';

describe('shortcutKeys', () => {
  it('names Ctrl on Windows and Linux, ⌘ on a Mac', () => {
    expect(shortcutKeys('K', { platform: 'Windows', hasKeyboard: true })).toBe('Ctrl+K');
    expect(shortcutKeys('K', { platform: 'Linux x86_64', hasKeyboard: true })).toBe('Ctrl+K');
    expect(shortcutKeys('K', { platform: 'MacIntel', hasKeyboard: true })).toBe('⌘K');
    expect(shortcutKeys('K', { platform: 'macOS', hasKeyboard: true })).toBe('⌘K');
  });

  it('names nothing on a phone or tablet', () => {
    expect(shortcutKeys('K', { platform: 'Android', hasKeyboard: false })).toBeNull();
    expect(shortcutKeys('K', { platform: 'iPhone', hasKeyboard: false })).toBeNull();
  });
});
