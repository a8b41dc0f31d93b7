import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';
import type { Random } from '../../shared/testing/seeds.js';

/**
 * The Arabic sample text (`/work/shared/samples`, not part of the repository): `SAMPLES_DIR`, or
 * `shared/samples` beside the checkout or beside its worktree folder.
 */
export function sampleSentences(root: string): string[] {
  const candidates = [process.env.SAMPLES_DIR, path.resolve(root, '../shared/samples'), path.resolve(root, '../../shared/samples')];
  const dir = candidates.find((d): d is string => !!d && existsSync(d));
  if (!dir) throw new Error(`no sample text: set SAMPLES_DIR (looked in ${candidates.filter(Boolean).join(', ')})`);
  const text = readFileSync(path.join(dir, 'defence-working-group-news-ar.txt'), 'utf8');
  return text
    .split(/(?<=[.؟!])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

/** Words of their own per meeting, from common to rare, so that queries differ in how much they find. */
const TOPICS = ['كلية ساندهيرست', 'تمرين مقاتل الصحراء', 'المشتريات الدفاعية', 'الأمن السيبراني', 'الدفاع الجوي', 'حلف NATO', 'الطائرات المسيّرة', 'مُذَكِّرَة التفاهم'];
const ENGLISH = [
  'The delegations agreed to expand the joint training exercises with NATO partners.',
  'Both sides reviewed the procurement plan and the places offered at Sandhurst.',
  'The working group noted progress on cyber security cooperation and crisis response.',
];
const OWNERS = ['الكويت', 'المملكة المتحدة', 'UK MoD', 'رئاسة الأركان'];

const text = (t: string): JSONContent => ({ type: 'text', text: t });
const paragraph = (t: string, dir = 'auto'): JSONContent => ({ type: 'paragraph', attrs: { dir }, content: [text(t)] });
const digits = (n: number) => String(n).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/**
 * Minutes of `pages` pages in the shape of the PDF fixture's page (a heading, five paragraphs of
 * two sentences, a list of three, three action items), from the sample's sentences with a topic
 * of the meeting, English paragraphs and numbers mixed in.
 */
export function meetingMinutes(random: Random, sentences: string[], meeting: number, pages: number): JSONContent {
  const topic = TOPICS[meeting % TOPICS.length]!;
  const say = () => `${random.pick(sentences)} ${random.pick(sentences)}`;
  const content: JSONContent[] = [];
  for (let p = 0; p < pages; p++) {
    content.push({ type: 'heading', attrs: { level: 2, dir: 'auto' }, content: [text(`البند ${digits(p + 1)}: ${topic}`)] });
    for (let i = 0; i < 5; i++) {
      if (random.chance(0.1)) content.push(paragraph(random.pick(ENGLISH), 'ltr'));
      else content.push(paragraph(random.chance(0.3) ? `${say()} وناقش الجانبان ${topic} للعام ${digits(2020 + (meeting % 8))}.` : say()));
    }
    content.push({
      type: 'bulletList',
      content: [0, 1, 2].map(() => ({ type: 'listItem', content: [paragraph(random.pick(sentences))] })),
    });
    for (let i = 0; i < 3; i++) {
      content.push({
        type: 'actionItem',
        attrs: { id: crypto.randomUUID(), owner: random.pick(OWNERS), due: '', status: 'open', dir: 'auto' },
        content: [text(`متابعة ${topic}: ${random.pick(sentences).split(' ').slice(0, 8).join(' ')}`)],
      });
    }
  }
  return { type: 'doc', content };
}
