import { expect, type Locator, type Page } from '@playwright/test';

export interface Overlap {
  a: string;
  b: string;
  /** The shared area, in CSS pixels. */
  width: number;
  height: number;
}

/**
 * Lets the page react to a new viewport size (resize observers, media queries in script) before
 * it is measured. Two animation frames normally; but headless Chromium now and then stops giving
 * a page frames after a resize (a CI run hung here for the whole test timeout), so a timer caps
 * the wait. Measuring needs no frame: reading a box forces layout.
 */
export function settleAfterResize(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve();
          }),
        );
      }),
  );
}

/** How far the page scrolls sideways beyond the viewport (0 when it fits). */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number; widest: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    // Which elements stick out, to say what to fix (not only that something does).
    const widest: string[] = [];
    if (scrollWidth > viewport) {
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const r = el.getBoundingClientRect();
        // Content of a row that scrolls by itself (the toolbar) does not widen the page.
        const scrolls = (e: Element | null): boolean => !!e && e !== document.body && (getComputedStyle(e).overflowX !== 'visible' || scrolls(e.parentElement));
        if (r.width > 0 && (r.right > viewport + 1 || r.left < -1) && !scrolls(el.parentElement)) {
          const parentOut = el.parentElement && el.parentElement !== document.body && (() => {
            const p = el.parentElement!.getBoundingClientRect();
            return p.right > viewport + 1 || p.left < -1;
          })();
          if (!parentOut) widest.push(`${el.tagName.toLowerCase()}.${el.className || ''}[${Math.round(r.left)}..${Math.round(r.right)}]`);
        }
        if (widest.length >= 8) break;
      }
    }
    return { scrollWidth, viewport, widest };
  });
}

/**
 * Pieces of visible text and controls in `roots` that cover one another. Text is measured line
 * by line (each text node's client rects), controls as boxes; a piece inside a control (a
 * button's label) is not compared with that control. Touching boxes and the few pixels by which
 * a font's ascenders reach into the line above do not count.
 */
export function overlappingText(page: Page, roots = 'header, main'): Promise<Overlap[]> {
  return page.evaluate((selector) => {
    interface Piece {
      owner: Element;
      rect: DOMRect;
      label: string;
    }
    const pieces: Piece[] = [];
    const CONTROLS = 'button, a, input, select, textarea, [role="button"], .badge';
    const visible = (el: Element): boolean => {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.opacity === '0') return false;
      // Screen-reader-only text is clipped to nothing on purpose.
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.clipPath.startsWith('inset(50%') || s.display === 'none') return false;
        // A bar fixed to the screen (a phone's bottom action bar) floats over the page as it
        // scrolls, by design: the page leaves room for it at its end.
        if (s.position === 'fixed') return false;
      }
      return true;
    };
    /** The part of `rect` not cut off by a scrolling or clipping ancestor (null: none of it). */
    const unclipped = (el: Element, rect: DOMRect): DOMRect | null => {
      let { left, top, right, bottom } = rect;
      for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const c = e.getBoundingClientRect();
        left = Math.max(left, c.left);
        right = Math.min(right, c.right);
        top = Math.max(top, c.top);
        bottom = Math.min(bottom, c.bottom);
      }
      return right - left > 1 && bottom - top > 1 ? new DOMRect(left, top, right - left, bottom - top) : null;
    };
    const name = (el: Element, text?: string) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} «${(text ?? el.textContent ?? '').trim().slice(0, 30)}»`;

    for (const root of Array.from(document.querySelectorAll(selector))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const owner = node.parentElement;
        if (!owner || !text.trim() || !visible(owner) || owner.closest('option, datalist, select, script, style')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) {
          // The font's ascent and descent make room for marks above and below the letters (tall
          // in Arabic fonts); lines may share that room. The middle of the line box is the text.
          const inset = rect.height * 0.2;
          const shown = rect.width > 1 && rect.height > 1 ? unclipped(owner, new DOMRect(rect.x, rect.y + inset, rect.width, rect.height - 2 * inset)) : null;
          if (shown) pieces.push({ owner, rect: shown, label: name(owner, text) });
        }
      }
      for (const control of Array.from(root.querySelectorAll(CONTROLS))) {
        const rect = unclipped(control, control.getBoundingClientRect());
        if (rect && visible(control)) pieces.push({ owner: control, rect, label: name(control) });
      }
    }

    const related = (a: Element, b: Element) => a === b || a.contains(b) || b.contains(a);
    const found: { a: string; b: string; width: number; height: number }[] = [];
    pieces.sort((x, y) => x.rect.top - y.rect.top);
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      for (let j = i + 1; j < pieces.length; j++) {
        const q = pieces[j]!;
        if (q.rect.top >= p.rect.bottom) break;
        if (related(p.owner, q.owner)) continue;
        const width = Math.min(p.rect.right, q.rect.right) - Math.max(p.rect.left, q.rect.left);
        const height = Math.min(p.rect.bottom, q.rect.bottom) - Math.max(p.rect.top, q.rect.top);
        const smaller = Math.min(p.rect.height, q.rect.height);
        if (width > 2 && height > Math.max(2, smaller * 0.15)) {
          found.push({ a: p.label, b: q.label, width: Math.round(width), height: Math.round(height) });
          if (found.length >= 10) return found;
        }
      }
    }
    return found;
  }, roots);
}

/**
 * Tapped controls smaller than `min` px either way (visible ones in `roots`). A link inside a
 * line of text (breadcrumb, sentence) is exempt, as in WCAG 2.5.8; a checkbox is tapped through
 * its label, which is measured instead.
 */
export function smallTouchTargets(page: Page, roots = 'header, main', min = 44): Promise<string[]> {
  return page.evaluate(
    ([selector, size]) => {
      const small: string[] = [];
      const CONTROLS = 'button, a[href], input:not([type="hidden"]), select, summary, [role="button"]';
      for (const root of Array.from(document.querySelectorAll(selector))) {
        for (const el of Array.from(root.querySelectorAll<HTMLElement>(CONTROLS))) {
          if (el.matches('a') && el.closest('p, .breadcrumb')) continue;
          const target = (el.matches('input[type="checkbox"], input[type="radio"]') && (el.closest('label') ?? el.parentElement?.querySelector('label'))) || el;
          // A disabled control (an observer's read-only fields) is not tapped.
          if ((el as HTMLInputElement).disabled) continue;
          const r = target.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden' || el.closest('.visually-hidden')) continue;
          if (r.height < size || r.width < size) {
            const label = (el.textContent || el.getAttribute('aria-label') || el.getAttribute('data-testid') || '').trim().slice(0, 30);
            small.push(`${el.tagName.toLowerCase()} «${label}» ${Math.round(r.width)}×${Math.round(r.height)}`);
          }
        }
      }
      return small;
    },
    [roots, min] as const,
  );
}

/**
 * Asserts that `inner` lies within `outer` (a pixel of rounding allowed) and that its own content
 * does not spill out of it (a button's label wider than the button).
 */
export async function expectInside(inner: Locator, outer: Locator, what: string): Promise<void> {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  const box = (r: typeof a) => `${Math.round(r.x)}..${Math.round(r.x + r.width)}`;
  expect(a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1, `${what} ${box(a)} outside ${box(b)}`).toBe(true);
  expect(await inner.evaluate((el) => el.scrollWidth - el.clientWidth), `${what}: its content is wider than it`).toBeLessThanOrEqual(1);
}

/** How many rows the top bar's parts (brand, navigation, search and account) take: 0 without a top bar. */
export function topBarRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll<HTMLElement>('.topbar-inner > *')).filter((el) => el.getBoundingClientRect().height > 0);
    const rows: number[] = [];
    for (const part of parts) {
      const { top, bottom } = part.getBoundingClientRect();
      const middle = (top + bottom) / 2;
      // Parts of different heights on one line are centred on it: their middles meet, their tops need not.
      if (!rows.some((row) => Math.abs(row - middle) < 12)) rows.push(middle);
    }
    return rows.length;
  });
}
