// The app's icons (./lucide/<name>.ts, drawn by ./icon.tsx with no client runtime) are lucide-react's:
// the same drawing for every icon as the installed package has, and the same markup as
// lucide-react renders for the props the app passes.
import * as Lucide from "lucide-react";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { currentIconNames, ICONS_DIR, kebab, loadLucideIcon } from "@/dev/icons";

type Icon = ComponentType<Record<string, unknown>>;
const theirs = Lucide as unknown as Record<string, Icon>;
const names = currentIconNames();
const ours: Record<string, Icon> = Object.fromEntries(
  await Promise.all(names.map(async (n) => [n, ((await import(`${ICONS_DIR}/${kebab(n)}.ts`)) as Record<string, Icon>)[n]!] as const)),
);

describe("components/icons/lucide/", () => {
  it("has one module per icon, named after it, and the app uses more than a handful", async () => {
    expect(names.length).toBeGreaterThan(50);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(ICONS_DIR).sort()).toEqual(names.map((n) => `${kebab(n)}.ts`).sort());
    for (const n of names) expect(ours[n], n).toBeTypeOf("function");
  });

  it.each(names)("%s draws what the installed lucide-react draws", async (name) => {
    const installed = await loadLucideIcon(name);
    const markup = (props: Record<string, unknown>) => [
      renderToStaticMarkup(createElement(ours[name]!, props)),
      renderToStaticMarkup(createElement(theirs[name]!, props)),
    ];
    const [mine, lucide] = markup({ className: "size-4" });
    expect(mine).toBe(lucide);
    expect(mine).toContain(`lucide-${installed.name}`);
  });

  it("renders the props the app passes as lucide-react does: size, stroke, labels, extra attributes", () => {
    const cases: Record<string, unknown>[] = [
      {},
      { size: 16, strokeWidth: 2.5 },
      { "aria-label": "通知", role: "img" },
      { "aria-hidden": true, className: "size-5 shrink-0 text-amber-600" },
      { absoluteStrokeWidth: true, size: 48 },
      { color: "#0b5c8a", "data-testid": "icon" },
    ];
    for (const props of cases)
      for (const name of ["Bell", "CircleHelp", "Trash2", "LoaderCircle"])
        expect(renderToStaticMarkup(createElement(ours[name]!, props)), `${name} ${JSON.stringify(props)}`).toBe(
          renderToStaticMarkup(createElement(theirs[name]!, props)),
        );
  });

  it("is a plain component: no client directive, so a Server Component renders plain SVG", async () => {
    const { readFileSync } = await import("node:fs");
    for (const file of [new URL("./icon.tsx", import.meta.url).pathname, ...names.map((n) => `${ICONS_DIR}/${kebab(n)}.ts`)])
      expect(readFileSync(file, "utf8"), file).not.toMatch(/^\s*["']use client["']/m);
  });
});
