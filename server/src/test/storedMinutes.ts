import * as Y from 'yjs';
import type { Queryable } from '../../../db/client.js';
import { loadUpdates } from '../../../db/queries/minutesLog.js';
import { minutesText } from '../minutes/readMinutes.js';

/** The minutes as stored in the update log, read straight from the database rows. */
export async function storedDoc(db: Queryable, meetingId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const rows = await loadUpdates(db, meetingId);
  if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)));
  return doc;
}

export async function storedText(db: Queryable, meetingId: string): Promise<string> {
  const doc = await storedDoc(db, meetingId);
  try {
    return minutesText(doc);
  } finally {
    doc.destroy();
  }
}
