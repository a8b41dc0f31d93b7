import { describe, expect, it } from 'vitest';
import { byteaFromText } from './byteaText.js';

const text = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('a bytea read from its text form', () => {
  it('gives back every byte value, from lower- and upper-case digits', () => {
    const bytes = new Uint8Array(512).map((_, i) => (i * 7919) & 255);
    expect(byteaFromText(text(`\\x${Buffer.from(bytes).toString('hex')}`))).toEqual(bytes);
    expect(byteaFromText(text(`\\x${Buffer.from(bytes).toString('hex').toUpperCase()}`))).toEqual(bytes);
    expect(byteaFromText(text('\\x'))).toEqual(new Uint8Array(0));
  });

  it('refuses what is not hex text, rather than read wrong bytes', () => {
    expect(() => byteaFromText(text('\\001abc'))).toThrow('not a bytea in hex text form');
    expect(() => byteaFromText(text('\\x0'))).toThrow('not a bytea in hex text form');
    expect(() => byteaFromText(text('\\x0g'))).toThrow('not a hex digit at 3 of a bytea');
    expect(() => byteaFromText(text('\\xz0'))).toThrow('not a hex digit at 2 of a bytea');
    expect(() => byteaFromText(text('\\x0\u00ff'))).toThrow('not a hex digit at 3 of a bytea');
  });
});
