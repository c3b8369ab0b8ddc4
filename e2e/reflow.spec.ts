// Reflow (WCAG 1.4.10) and text resize (1.4.4) on every student page, signed in through the real
// login, in both languages (issue 11 item 5):
//   - 320 × 640 CSS px, the narrowest phone the criterion names;
//   - 200 % text: the root font size doubled (the CSS sizes text and spacing in rem, so everything
//     sized in rem grows with it, as with a browser's text-size setting) on the same 320 px.
// On each page: the page does not scroll sideways and nothing sticks out past the screen's edges
// (body clips overflow, so scrollWidth alone would hide it: every element's box is measured too,
// except inside its own horizontal scroller such as a wide table); no button's or link's text is
// cut off; and every control in the main area, scrolled into view, is really there to tap (the
// element at its centre is itself, not the sticky header, the bottom tab bar or a pay bar).
// Read-only: runs on the phone project only (@phone-only, playwright.config.ts). Each text size,
// language and half of the pages (e2e/student-pages.ts) is a test of its own, taken in parallel by
// the two workers; each signs in once (the saved login of e2e/fixtures.ts) and walks its pages.
import type { Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../i18n/config";
import { DEMO, expect, test } from "./fixtures";
import { linksOn, STUDENT_PAGE_GROUPS } from "./student-pages";

const SCENARIOS = [
  { name: "320 px", textScale: 1 },
  { name: "320 px at 200 % text", textScale: 2 },
] as const;
const LANGUAGES = ["zh-CN", "en"] as const;

test.use({ account: DEMO.student, viewport: { width: 320, height: 640 } });
test.describe.configure({ mode: "parallel", timeout: 300_000 });

interface Problems {
  scrollWidth: number;
  innerWidth: number;
  outside: string[];
  clipped: string[];
  covered: string[];
}

/** Everything measured in the page itself (one round trip per page). */
function measure(): Problems {
  const describe = (el: Element) => {
    const id = el.getAttribute("data-testid");
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}${el.id ? `#${el.id}` : ""} "${text}"`;
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false; // sr-only text and empty boxes
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && !el.closest("[hidden], dialog:not([open]), [aria-hidden=true]");
  };
  /** Inside its own horizontal scroller (a wide table or chart may scroll on its own). */
  const scrollsOnItsOwn = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  };
  const innerWidth = window.innerWidth;
  const outside: string[] = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!visible(el) || scrollsOnItsOwn(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth + 1 || r.left < -1) outside.push(`${describe(el)} spans ${Math.round(r.left)}…${Math.round(r.right)}`);
  }

  const clipped: string[] = [];
  for (const el of document.querySelectorAll("button, a[href], [role=button], label")) {
    if (!visible(el)) continue;
    const e = el as HTMLElement;
    const s = getComputedStyle(e);
    // Text cut off: content wider or taller than the box while the box hides the rest.
    const hides = s.overflow !== "visible" || s.textOverflow === "ellipsis";
    if (hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
      clipped.push(`${describe(e)} ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
    // Or spilling out of a fixed-height box (drawn over its neighbours).
    if (!hides && e.tagName === "BUTTON" && e.scrollHeight > e.clientHeight + 2)
      clipped.push(`${describe(e)} text ${e.scrollHeight} px tall in a ${e.clientHeight} px button`);
  }

  const covered: string[] = [];
  const main = document.querySelector("main");
  for (const el of main?.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea, summary") ?? []) {
    const target = el.matches("input.sr-only") ? el.closest("label") : el;
    if (!target || !visible(target)) continue;
    target.scrollIntoView({ block: "center", inline: "nearest" });
    const r = target.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    // The middle of the control, scrolled to the middle of the screen (a tall card's top may sit under the header).
    const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(target === hit || target.contains(hit) || hit.contains(target) || (hit instanceof HTMLLabelElement && hit.control === el))) {
      covered.push(`${describe(target)} is under ${hit ? describe(hit) : "nothing"}`);
    }
  }
  window.scrollTo(0, 0);
  return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth, outside: outside.slice(0, 15), clipped, covered };
}

async function checkPage(page: Page, path: string, label: string) {
  const response = await page.goto(path);
  expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
  expect.soft(new URL(page.url()).pathname).toBe(path);
  await page.waitForLoadState("networkidle");
  const p = await page.evaluate(measure);
  expect.soft(p.scrollWidth, `${label} ${path}: the page scrolls sideways`).toBeLessThanOrEqual(p.innerWidth + 1);
  expect.soft(p.outside, `${label} ${path}: boxes past the screen's edge`).toEqual([]);
  expect.soft(p.clipped, `${label} ${path}: text cut off`).toEqual([]);
  expect.soft(p.covered, `${label} ${path}: controls covered`).toEqual([]);
}

for (const scenario of SCENARIOS) {
  for (const lang of LANGUAGES) {
    for (const group of STUDENT_PAGE_GROUPS) {
      test(`reflow ${scenario.name}, ${lang}: ${group.name}`, { tag: "@phone-only" }, async ({ page }) => {
        await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: test.info().project.use.baseURL! }]);
        if (scenario.textScale !== 1) {
          // Before any page script: the root font size, as a text-size setting would set it.
          await page.addInitScript(
            (pct) => {
              const apply = () => document.documentElement.style.setProperty("font-size", pct);
              if (document.documentElement) apply();
              document.addEventListener("DOMContentLoaded", apply);
            },
            `${scenario.textScale * 100}%`,
          );
        }
        const label = `${scenario.name} ${lang}`;
        /** The links seen on each page checked so far, for the detail pages reached from them. */
        const links = new Map<string, string[]>();
        for (const entry of group.pages) {
          await test.step(`${label} ${typeof entry === "string" ? entry : entry.name}`, async () => {
            if (typeof entry === "string") {
              await checkPage(page, entry, label);
              links.set(entry, await linksOn(page));
              return;
            }
            const href = links.get(entry.from)?.find((h) => entry.link.test(h)) ?? null;
            expect.soft(href, `a link to ${entry.name} on ${entry.from}`).not.toBeNull();
            if (href) await checkPage(page, href, label);
          });
        }
        if (scenario.textScale !== 1) {
          // The doubling really applied (rem-sized text is twice as large).
          expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("32px");
        }
      });
    }
  }
}
