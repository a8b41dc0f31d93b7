import { describe, expect, it } from 'vitest';
import { amendmentActions, canPropose, charactersLeft, marginEntries, openCount, threads, withAmendments, withComments } from './annotationsState.js';
import { COMMENT_BODY_MAX } from '../../../../../shared/api/comments.js';
import { COMMENT_MAX, type AmendmentDto, type CommentDto } from './types.js';

const anchor = { start: 'AQID', end: 'AQIE' };
const person = (id: string) => ({ id, name: `name ${id}` });

function amendment(id: string, extra: Partial<AmendmentDto> = {}): AmendmentDto {
  return { id, side: 'kw', author: person('u1'), anchor, quote: 'مارس', proposed: 'أبريل', rationale: '', status: 'open', createdAt: `2027-03-10T10:0${id.length}:00Z`, ...extra };
}

function comment(id: string, extra: Partial<CommentDto> = {}): CommentDto {
  return { id, author: person('u2'), anchor, quote: 'x', body: 'b', resolved: false, createdAt: '2027-03-10T10:00:00Z', ...extra };
}

describe('live amendments and comments', () => {
  it('a changed amendment replaces its copy, a new one is added', () => {
    const start = { amendments: [amendment('a'), amendment('b')], comments: [] };
    const next = withAmendments(start, [amendment('b', { status: 'accepted' }), amendment('c')]);
    expect(next.amendments.map((a) => [a.id, a.status])).toEqual([
      ['a', 'open'],
      ['b', 'accepted'],
      ['c', 'open'],
    ]);
    expect(openCount(next.amendments)).toBe(2);
  });

  it('removed comments go, changed ones are replaced', () => {
    const start = { amendments: [], comments: [comment('c1'), comment('c2')] };
    const next = withComments(start, [comment('c1', { resolved: true })], ['c2']);
    expect(next.comments).toEqual([comment('c1', { resolved: true })]);
  });

  it('threads gather replies under their first comment in time order; an orphan reply stands alone', () => {
    const list = [comment('r2', { parentId: 'root', createdAt: '2027-03-10T10:05:00Z' }), comment('root'), comment('r1', { parentId: 'root', createdAt: '2027-03-10T10:01:00Z' }), comment('lost', { parentId: 'gone' })];
    expect(threads(list).map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
      ['root', ['r1', 'r2']],
      ['lost', []],
    ]);
  });
});

describe('the margin', () => {
  it('lists entries in document order, then those without a place (meeting-level, gone) by time', () => {
    const annotations = {
      amendments: [amendment('late'), amendment('early'), amendment('gone')],
      comments: [comment('meeting', { anchor: undefined, quote: undefined }), comment('middle')],
    };
    const positions = new Map([
      ['late', 40],
      ['early', 3],
      ['middle', 20],
    ]);
    expect(marginEntries(annotations, positions).map((e) => (e.kind === 'amendment' ? e.item.id : e.item.root.id))).toEqual(['early', 'middle', 'late', 'meeting', 'gone']);
  });

  it('at the same place, open amendments come before decided ones', () => {
    const annotations = { amendments: [amendment('decided', { status: 'rejected' }), amendment('open2')], comments: [] };
    const positions = new Map([
      ['decided', 5],
      ['open2', 5],
    ]);
    expect(marginEntries(annotations, positions).map((e) => (e.kind === 'amendment' ? e.item.id : ''))).toEqual(['open2', 'decided']);
  });
});

describe('who may do what', () => {
  it('delegates and secretaries propose on draft and circulated minutes; observers never', () => {
    expect(canPropose('edit', 'draft')).toBe(true);
    expect(canPropose('edit', 'circulated')).toBe(true);
    expect(canPropose('manage', 'circulated')).toBe(true);
    expect(canPropose('read', 'draft')).toBe(false);
    expect(canPropose('manage', 'approved')).toBe(false);
  });

  it('secretaries decide open amendments; their author withdraws them', () => {
    expect(amendmentActions(amendment('a'), 'manage', 'someone')).toEqual({ decide: true, withdraw: false });
    expect(amendmentActions(amendment('a'), 'edit', 'u1')).toEqual({ decide: false, withdraw: true });
    expect(amendmentActions(amendment('a'), 'edit', 'u9')).toEqual({ decide: false, withdraw: false });
    expect(amendmentActions(amendment('a', { status: 'accepted' }), 'manage', 'u1')).toEqual({ decide: false, withdraw: false });
  });

  it('counts the characters a comment has left, against the allowance of the server', () => {
    expect(COMMENT_MAX).toBe(COMMENT_BODY_MAX);
    expect(charactersLeft('مرحبا', 4000)).toBe(3995);
    expect(charactersLeft('x'.repeat(4001), 4000)).toBe(-1);
  });
});
