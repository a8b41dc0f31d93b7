import type { UserDto } from '../../../shared/api/auth.js';

/**
 * Folds text for matching names typed by hand: case, Arabic diacritics and tatweel, the forms of
 * alef, tā' marbūṭa/hā' and alef maqṣūra/yā' (a name is typed either way), Latin accents.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F\u064B-\u065F\u0670\u0640]/gu, '')
    .replace(/[\u0622\u0623\u0625\u0671]/gu, '\u0627')
    .replace(/\u0629/gu, '\u0647')
    .replace(/\u0649/gu, '\u064A')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The accounts whose name or email contains `query` (folded), in their order; all when empty. */
export function matchingPeople<T extends Pick<UserDto, 'name' | 'email'>>(people: readonly T[], query: string): readonly T[] {
  const needle = foldForMatch(query);
  if (!needle) return people;
  return people.filter((p) => foldForMatch(p.name).includes(needle) || p.email.toLowerCase().includes(needle));
}

/**
 * How many rows a long list of accounts draws at first, and more at each "show more": a
 * ministry's directory may hold thousands, and drawing them all took seconds (3,036 accounts:
 * 1.7–3.5 s for the admin page).
 */
export const PEOPLE_PAGE = 100;

export interface PeoplePage<T> {
  shown: readonly T[];
  /** How many match the query (shown or not). */
  matched: number;
}

/** The first `limit` of the accounts matching `query`. */
export function pageOfPeople<T extends Pick<UserDto, 'name' | 'email'>>(people: readonly T[], query: string, limit: number): PeoplePage<T> {
  const matches = matchingPeople(people, query);
  return { shown: matches.slice(0, limit), matched: matches.length };
}
