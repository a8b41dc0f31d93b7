import { expect } from '@playwright/test';
import { axeViolations, describeViolations, severe } from './support/axe.js';
import { horizontalOverflow, overlappingText, settleAfterResize, smallTouchTargets, topBarRows } from './support/layout.js';
import { contextFor, openAppPage, testEveryPage } from './support/pages.js';

/**
 * Every page of the app in both languages (the minutes with Arabic content, an observer's view and
 * the tracker included: rows of APP_PAGES), opened once on a small phone and widened step by step:
 * at each width it fits with no text over other text; on phones its targets are 44 px; on a
 * phone and on a laptop axe-core finds no critical or serious violation and no skipped heading
 * level. One page load serves both checks (this spec was two, and loaded every page three times).
 */

/** A small phone, a common phone, a tablet, a laptop. */
const WIDTHS = [360, 390, 768, 1366];
/** Where axe runs too: a phone layout may hide or reorder things. */
const AXE_WIDTHS = new Set([390, 1366]);
/** `LAYOUT_SHOTS=dir` also saves phone (390) and desktop (1366) screenshots there. */
const SHOTS = process.env.LAYOUT_SHOTS;

testEveryPage(
  (row, lang) => `${row.name} (${lang}) fits 360–1366 px with no text over other text, and axe finds no critical or serious violation`,
  async ({ browser, row, lang, scenario }) => {
    const context = await contextFor(browser, row, lang, scenario, { width: WIDTHS[0]!, height: 800 });
    const page = await context.newPage();
    await openAppPage(page, row, lang, scenario);
    for (const width of WIDTHS) {
      const where = `${row.name} ${lang} @${width}`;
      await page.setViewportSize({ width, height: 800 });
      await settleAfterResize(page);
      const overflow = await horizontalOverflow(page);
      expect.soft(overflow.scrollWidth, `${where}: wider than the viewport: ${overflow.widest.join(', ')}`).toBeLessThanOrEqual(overflow.viewport);
      expect.soft(await overlappingText(page), `${where}: overlapping text`).toEqual([]);
      if (width <= 390) expect.soft(await smallTouchTargets(page), `${where}: touch targets under 44 px`).toEqual([]);
      // On a laptop the signed-in top bar is one line in either language, not a bar and a half.
      if (width === 1366 && row.as !== 'anonymous' && row.as !== 'setup') expect.soft(await topBarRows(page), `${where}: rows of the top bar`).toBe(1);
      if (AXE_WIDTHS.has(width)) {
        const all = await axeViolations(page);
        const found = severe(all);
        expect.soft(found.map((v) => v.id), `${where}:\n${describeViolations(found)}`).toEqual([]);
        // Moderate for axe, but a screen reader's outline of the page: no level skipped.
        const order = all.filter((v) => v.id === 'heading-order');
        expect.soft(order.map((v) => v.id), `${where}:\n${describeViolations(order)}`).toEqual([]);
      }
      if (SHOTS && (width === 390 || width === 1366)) {
        await page.screenshot({ path: `${SHOTS}/layout-${row.name}-${lang}-${width}.png`, fullPage: true });
      }
    }
    await context.close();
  },
);
