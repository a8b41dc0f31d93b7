import { describe, expect, it } from 'vitest';
import { foldForMatch, matchingPeople, pageOfPeople } from './peopleFilter.js';

const people = [
  { name: 'فاطمة الصباح', email: 'fatima@mofa.gov.kw' },
  { name: 'Sarah Thompson', email: 'sarah.thompson@fcdo.gov.uk' },
  { name: 'إبراهيم العتيبي', email: 'ibrahim@moi.gov.kw' },
  { name: 'Zoë Müller', email: 'zoe@example.test' },
];

describe('matchingPeople', () => {
  it('finds a name typed without hamza, with hā\' for tā\' marbūṭa, or with diacritics', () => {
    expect(matchingPeople(people, 'ابراهيم').map((p) => p.email)).toEqual(['ibrahim@moi.gov.kw']);
    expect(matchingPeople(people, 'فاطمه').map((p) => p.email)).toEqual(['fatima@mofa.gov.kw']);
    expect(matchingPeople(people, 'فَاطِمَة').map((p) => p.email)).toEqual(['fatima@mofa.gov.kw']);
  });

  it('matches Latin names whatever the case or accents, and emails by any part', () => {
    expect(matchingPeople(people, 'zoe muller').map((p) => p.email)).toEqual(['zoe@example.test']);
    expect(matchingPeople(people, 'SARAH').map((p) => p.email)).toEqual(['sarah.thompson@fcdo.gov.uk']);
    expect(matchingPeople(people, 'gov.kw').map((p) => p.email)).toEqual(['fatima@mofa.gov.kw', 'ibrahim@moi.gov.kw']);
  });

  it('keeps everyone, in order, for an empty or blank query, and no one for a miss', () => {
    expect(matchingPeople(people, '  ')).toBe(people);
    expect(matchingPeople(people, 'nobody')).toEqual([]);
  });

  it('folds tatweel and spaces', () => {
    expect(foldForMatch('  فاطـــمة   الصباح ')).toBe('فاطمه الصباح');
  });
});

describe('pageOfPeople', () => {
  const many = Array.from({ length: 250 }, (_, i) => ({ name: `User ${i}`, email: `u${i}@example.test` }));

  it('draws the first page and says how many match', () => {
    const page = pageOfPeople(many, '', 100);
    expect(page.shown).toHaveLength(100);
    expect(page.shown[99]!.email).toBe('u99@example.test');
    expect(page.matched).toBe(250);
  });

  it('counts the matches of a query, not the whole list', () => {
    const page = pageOfPeople(many, 'User 2', 100);
    // User 2, 20–29, 200–249.
    expect(page.matched).toBe(1 + 10 + 50);
    expect(page.shown).toHaveLength(61);
  });
});
