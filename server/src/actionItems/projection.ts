import type { Database } from '../../../db/client.js';
import { meetingsNeedingProjection, replaceMeetingItems } from '../../../db/queries/actionItems.js';
import { meetingsNeedingSearchIndex } from '../../../db/queries/search.js';
import { findMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
import type { AfterCommitRun, AfterCommitTask, AfterCommitWork } from '../collab/afterCommitWork.js';
import type { BackgroundLane } from '../collab/backgroundLane.js';
import { CoalescedRuns } from '../collab/coalescedRuns.js';
import type { DocumentRegistry } from '../collab/documentRegistry.js';
import type { LiveDocument } from '../collab/liveDocument.js';
import type { Logger } from '../logger.js';
import { actionItemsOfDoc, actionItemsWithoutOwnId, renewActionItemIds } from '../minutes/actionItemNodes.js';
import { searchBlocksOfDoc } from '../minutes/searchBlocks.js';
import type { SearchIndex } from '../search/searchIndex.js';
import type { Realtime } from '../realtime/realtime.js';

/**
 * The search index's own throttle. Writing a block costs the database about 0.8 ms (normalising,
 * vectorising, collecting its words, the GIN index); with 200 people typing, each in a line,
 * every run rewrites 200 blocks, and at 500 ms that was a third of the embedded database's time,
 * every commit queued behind it (bench:collab p50 12 → 8 ms without it). Its promise is "within
 * 2 seconds of a commit": one run a second keeps it with room for the run itself.
 */
const SEARCH_COALESCE_MS = 1000;

type Part = 'items' | 'search';

const NONE: ReadonlySet<string> = new Set();

/**
 * Keeps `action_items` equal to the action items of each meeting's committed minutes, and the
 * search index equal to its text blocks. Runs after commits (off the commit path), coalesced per
 * meeting: the items with the rest of the meeting's after-commit work (afterCommitWork.ts), the
 * index on its own throttle; one run of a part at a time per meeting. Tells socket.io when items
 * changed. Approved minutes are locked, and there the table is the source of truth for items
 * (their text is still indexed, once).
 */
export class ActionItemProjection {
  private readonly searchRuns: CoalescedRuns;
  private readonly running: Record<Part, Map<string, Promise<void>>> = { items: new Map(), search: new Map() };
  /** What was last written per meeting: most commits do not touch an action item. */
  private readonly lastWritten = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly registry: DocumentRegistry,
    private readonly realtime: Realtime,
    private readonly log: Logger,
    private readonly search: SearchIndex,
    private readonly afterCommit: AfterCommitWork,
    lane?: BackgroundLane,
  ) {
    this.searchRuns = new CoalescedRuns(SEARCH_COALESCE_MS, (meetingId) => this.refreshPart('search', meetingId).catch(() => {}), lane);
  }

  /**
   * The items' part of the after-commit work. Another process projects its own commits too;
   * projecting them here as well keeps a projection made here from a document that had not heard
   * of them yet from being the last.
   */
  readonly itemsTask: AfterCommitTask = {
    alsoFromLog: true,
    run: (meetingId, shared) => this.refreshPart('items', meetingId, shared).catch(() => {}),
  };

  /** Hook for every loaded document (the items are scheduled by the after-commit work). */
  watch(doc: LiveDocument): void {
    const schedule = () => this.searchRuns.schedule(doc.meetingId);
    doc.onCommitted(schedule);
    doc.onAppliedFromLog(schedule);
  }

  /** Meetings this projection keeps anything for (diagnostics and tests). */
  get meetingsHeld(): number {
    const parts = Object.keys(this.running) as Part[];
    return new Set([
      ...this.afterCommit.pending(),
      ...this.searchRuns.scheduled(),
      ...parts.flatMap((part) => [...this.running[part].keys()]),
      ...this.lastWritten.keys(),
    ]).size;
  }

  /** The meeting's document is about to leave memory: what is scheduled for it runs now. */
  async beforeUnload(meetingId: string): Promise<void> {
    await Promise.all([this.afterCommit.runNow(meetingId), this.searchRuns.runNow(meetingId)]);
    await Promise.allSettled([this.running.items.get(meetingId), this.running.search.get(meetingId)]);
  }

  /** The meeting's document left memory: what was kept to skip identical writes goes with it. */
  forget(meetingId: string): void {
    this.lastWritten.delete(meetingId);
    this.search.forget(meetingId);
  }

  /**
   * At start: projects the meetings whose minutes changed after their items were last
   * projected, in case a crash cut a run short.
   */
  async catchUp(): Promise<void> {
    const meetings = new Set([...(await meetingsNeedingProjection(this.db.sql)), ...(await meetingsNeedingSearchIndex(this.db.sql))]);
    for (const meetingId of meetings) {
      await this.refresh(meetingId).catch((error) => this.log.error('action_items.catch_up_failed', { meetingId, error: String(error) }));
      // Not kept in memory for every meeting there is: the next write of an open one reads it back.
      this.search.forget(meetingId);
    }
  }

  /** Projects the committed state now, both parts (after any run in progress for the meeting). */
  async refresh(meetingId: string): Promise<void> {
    await Promise.all([this.refreshPart('items', meetingId), this.refreshPart('search', meetingId)]);
  }

  private refreshPart(part: Part, meetingId: string, shared?: AfterCommitRun): Promise<void> {
    const running = this.running[part];
    const previous = running.get(meetingId) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => (part === 'items' ? this.projectItems(meetingId, shared) : this.indexSearch(meetingId)));
    running.set(meetingId, run);
    const settled = () => {
      if (running.get(meetingId) !== run) return;
      running.delete(meetingId);
      // The document may have unloaded while this run wrote (it holds it only to read).
      if (!this.registry.current(meetingId)) this.forget(meetingId);
    };
    run.then(settled, settled);
    return run;
  }

  private async projectItems(meetingId: string, shared?: AfterCommitRun): Promise<void> {
    try {
      // Read here, after any run before it: items are never written once the minutes are approved.
      const meeting: MeetingRow | undefined = await findMeeting(this.db.sql, meetingId);
      if (shared) shared.meeting = meeting;
      if (!meeting || meeting.status === 'approved') return;
      const { items, withoutId } = await this.registry.with(meetingId, (live) =>
        live.read((doc) => ({ items: actionItemsOfDoc(doc), withoutId: actionItemsWithoutOwnId(doc, NONE).length })),
      );
      const key = `${meeting.groupId}:${JSON.stringify(items)}`;
      if (this.lastWritten.get(meetingId) === key && withoutId === 0) return;
      const { changed, failed, taken } = await this.db.sql.begin((tx) => replaceMeetingItems(tx, meeting.id, meeting.groupId, items));
      for (const { id, error } of failed) this.log.error('action_items.item_refused', { meetingId, itemId: id, error });
      // A refused item is tried again after the next commit.
      if (failed.length === 0 && taken.length === 0 && withoutId === 0) this.lastWritten.set(meetingId, key);
      else this.lastWritten.delete(meetingId);
      if (changed) this.realtime.actionItemsChanged(meeting.id, meeting.groupId);
      // Its commit schedules the next run, which tracks them under their new ids.
      if (taken.length > 0 || withoutId > 0) await this.giveOwnIds(meetingId, new Set(taken));
    } catch (error) {
      this.log.error('action_items.projection_failed', { meetingId, error: String(error) });
      throw error;
    }
  }

  /**
   * Items that share an id with an item before them or with another meeting's item (copied from
   * last session's minutes, say) were missing from the tracker: they get fresh ids, as a server
   * change through the minutes' pipeline (editors see it like anyone's edit), audited with the
   * ids it replaced.
   */
  private async giveOwnIds(meetingId: string, taken: ReadonlySet<string>): Promise<void> {
    try {
      await this.registry.with(meetingId, (live) =>
        live.change((doc) => {
          const renewed = renewActionItemIds(doc, taken);
          if (renewed.length === 0) return undefined;
          return { actorId: null, action: 'action_item.new_id', target: meetingId, details: { items: renewed } };
        }),
      );
    } catch (error) {
      // Approved meanwhile: the minutes are the record as they are.
      this.log.warn('action_items.new_id_failed', { meetingId, error: String(error) });
    }
  }

  /** The index failing is tried again after the next commit; it never holds up the items. */
  private async indexSearch(meetingId: string): Promise<void> {
    try {
      // Meetings are never deleted; a missing one fails here and is logged.
      const watermark = await this.search.watermark(meetingId);
      const blocks = await this.registry.with(meetingId, (live) => live.read((doc) => searchBlocksOfDoc(doc)));
      await this.search.write(meetingId, blocks, watermark);
    } catch (error) {
      this.log.error('search.index_failed', { meetingId, error: String(error) });
    }
  }

  /** Runs what is scheduled now, then waits for every run. */
  async flush(): Promise<void> {
    await Promise.all([this.afterCommit.flush(), this.searchRuns.flush()]);
    await Promise.allSettled([...this.running.items.values(), ...this.running.search.values()]);
  }

  /**
   * Shutdown, after the after-commit work finished: as flush, and nothing is scheduled
   * afterwards (the database closes next).
   */
  async close(): Promise<void> {
    await this.searchRuns.finish();
    await Promise.allSettled([...this.running.items.values(), ...this.running.search.values()]);
  }
}
