import { AMENDMENT_ERROR_CODES } from '../../../shared/api/amendmentErrors.js';
import type { Anchor } from '../../../shared/anchors/encoding.js';
import type { AppContext } from '../context.js';
import { coded } from '../errors.js';
import { anchorQuote, resolveAnchor, type AnchorProblem } from '../../../shared/anchors/resolve.js';
import { storableText } from '../../../shared/storableText.js';

const PROBLEM_MESSAGE: Record<AnchorProblem, string> = {
  unresolved: 'The anchor does not point at text of these minutes as saved (unknown, deleted, or not yet saved).',
  spans_blocks: 'The anchor spans more than one paragraph; select text within one paragraph.',
};

export function anchorError(problem: AnchorProblem) {
  return coded(
    'unprocessable',
    problem === 'unresolved' ? AMENDMENT_ERROR_CODES.anchorUnresolved : AMENDMENT_ERROR_CODES.anchorSpansBlocks,
    PROBLEM_MESSAGE[problem],
  );
}

/**
 * The text an anchor covers in the committed minutes (the live document, loaded from the stored
 * state if nobody has it open), as a table stores it; 422 for an anchor that does not resolve,
 * or (unless `acrossBlocks`: comments) spans more than one block's text.
 */
export async function anchoredText(ctx: AppContext, meetingId: string, anchor: Anchor, acrossBlocks = false): Promise<{ quote: string; collapsed: boolean }> {
  const result = await ctx.registry.with(meetingId, (live) =>
    live.read((doc) => {
      const found = anchorQuote(doc, anchor, { acrossBlocks });
      if ('problem' in found) return found;
      const range = resolveAnchor(doc, anchor);
      return { quote: storableText(found.quote), collapsed: typeof range !== 'string' && range.from === range.to };
    }),
  );
  if ('problem' in result) throw anchorError(result.problem);
  return result;
}
