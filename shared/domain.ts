/**
 * Domain enumerations without zod: the client imports these in its first bundle, and the API
 * schemas in `shared/api` build on them.
 */
export const MEMBER_ROLES = ['secretary', 'delegate', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEETING_LANGUAGES = ['ar', 'en', 'both'] as const;
export type MeetingLanguage = (typeof MEETING_LANGUAGES)[number];

export const MEETING_STATUSES = ['draft', 'circulated', 'approved'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * How a working group writes digits in the Arabic text the app produces for it (its pages, the
 * generated minutes text, the PDF): Western 0–9 or Arabic-Indic ٠–٩. English text always has
 * Western digits.
 */
export const DIGIT_POLICIES = ['western', 'arabic-indic'] as const;
export type DigitPolicy = (typeof DIGIT_POLICIES)[number];
export const DEFAULT_DIGIT_POLICY: DigitPolicy = 'western';
