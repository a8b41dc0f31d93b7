import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';

describe('RFC 8785 canonical JSON', () => {
  it('serialises the example of §3.2.2 byte for byte', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalJson(input)).toBe(String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
  });

  it('sorts members by UTF-16 code units (§3.2.3)', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    // (Object.keys would list "1" first: integer-like keys; the serialised order is what counts.)
    const order = [...canonicalJson(input).matchAll(/"([^"]*)":"[^"]*"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('writes numbers as ECMAScript does (Appendix B)', () => {
    const cases: [number, string][] = [
      [0, '0'], [-0, '0'], [1e21, '1e+21'], [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'], [295147905179352830000, '295147905179352830000'], [1e23, '1e+23'],
      [0.000001, '0.000001'], [1e-7, '1e-7'], [-1.5, '-1.5'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
    expect(() => canonicalJson(NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
  });

  it('nests, keeps array order and Arabic text as is, escapes a lone surrogate as ECMAScript does', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 'محضر' }], a: null })).toBe('{"a":null,"b":[3,{"c":"محضر","d":1}]}');
    expect(canonicalJson({ a: '\ud800', e: '😀' })).toBe('{"a":"\\ud800","e":"😀"}');
  });
});
