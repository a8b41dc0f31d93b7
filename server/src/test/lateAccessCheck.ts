import type * as Policies from '../auth/policies.js';

/** Which check answers late, and when it may go on; made with `vi.hoisted` (see answeringLate). */
export interface LateAnswer {
  meetingId: string;
  answered: () => void;
  release: Promise<void>;
}

/**
 * The policies with the real `requireMeeting`, whose answer for `late.meetingId` is handed on
 * only when released: what a busy server does when the answer was read from the database just
 * before another request changed it. For a test file's
 * `vi.mock('../auth/policies.js', async (real) => (await import('../test/lateAccessCheck.js')).answeringLate(await real(), late))`.
 */
export function answeringLate(real: typeof Policies, late: LateAnswer): typeof Policies {
  return {
    ...real,
    requireMeeting: async (...args: Parameters<typeof real.requireMeeting>) => {
      const answer = await real.requireMeeting(...args);
      if (args[2] === late.meetingId) {
        late.meetingId = '';
        late.answered();
        await late.release;
      }
      return answer;
    },
  };
}

/** Holds the next access check of `meetingId` once answered, until `release()`. */
export function holdNextCheck(late: LateAnswer, meetingId: string): { answered: Promise<void>; release: () => void } {
  let release = () => {};
  const answered = new Promise<void>((resolve) => (late.answered = resolve));
  late.release = new Promise<void>((resolve) => (release = resolve));
  late.meetingId = meetingId;
  return { answered, release };
}
