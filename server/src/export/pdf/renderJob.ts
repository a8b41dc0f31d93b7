import type { JSONContent } from '@tiptap/core';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { minutesJSONOfUpdates } from '../../minutes/readMinutes.js';
import { toTypstData } from './toTypstData.js';

/**
 * One export as the renderer process receives it: plain data (it crosses a process boundary).
 * Everything that costs time in proportion to the minutes (reading the Yjs updates through the
 * shared schema, mapping, word splitting, JSON) happens in that process, off the server's thread.
 */
export interface RenderJob {
  /** The meeting's stored Yjs updates, or the minutes as ProseMirror JSON (tests, benchmark). */
  minutes: { updates: Uint8Array[] } | { json: JSONContent };
  meeting: Omit<MeetingDto, 'access'>;
  group: { nameAr: string; nameEn: string };
  /** Milliseconds since the epoch. */
  exportedAt: number;
}

/** The template's input (`sys.inputs.data`) and the PDF's creation time, in seconds. */
export function typstInput(job: RenderJob): { data: string; timestamp: number | undefined } {
  const doc = 'updates' in job.minutes ? minutesJSONOfUpdates(job.minutes.updates) : job.minutes.json;
  const exportedAt = new Date(job.exportedAt);
  const data = JSON.stringify(toTypstData({ meeting: job.meeting, group: job.group, doc, exportedAt }));
  const seconds = Math.floor(job.exportedAt / 1000);
  return { data, timestamp: Number.isFinite(seconds) ? seconds : undefined };
}
