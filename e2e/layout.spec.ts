import { expect } from '@playwright/test';
import { horizontalOverflow, overlappingText, settleAfterResize, smallTouchTargets } from './support/layout.js';
import { contextFor, openAppPage, testEveryPage } from './support/pages.js';

/** A small phone, a common phone, a tablet, a laptop. */
const WIDTHS = [360, 390, 768, 1366];
/** `LAYOUT_SHOTS=dir` also saves phone (390) and desktop (1366) screenshots there. */
const SHOTS = process.env.LAYOUT_SHOTS;

testEveryPage(
  (row, lang) => `layout: ${row.name} (${lang}) fits 360–1366 px with no text over other text`,
  async ({ browser, row, lang, scenario }) => {
    const context = await contextFor(browser, row, lang, scenario, { width: WIDTHS[0]!, height: 800 });
    const page = await context.newPage();
    await openAppPage(page, row, lang, scenario);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await settleAfterResize(page);
      const overflow = await horizontalOverflow(page);
      expect.soft(overflow.scrollWidth, `${row.name} ${lang} @${width}: wider than the viewport: ${overflow.widest.join(', ')}`).toBeLessThanOrEqual(
        overflow.viewport,
      );
      expect.soft(await overlappingText(page), `${row.name} ${lang} @${width}: overlapping text`).toEqual([]);
      if (width <= 390) expect.soft(await smallTouchTargets(page), `${row.name} ${lang} @${width}: touch targets under 44 px`).toEqual([]);
      if (SHOTS && (width === 390 || width === 1366)) {
        await page.screenshot({ path: `${SHOTS}/layout-${row.name}-${lang}-${width}.png`, fullPage: true });
      }
    }
    await context.close();
  },
);
