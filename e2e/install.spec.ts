// Install (issue 11 item 4): the manifest in the language the browser asks for, with its
// shortcuts and screenshots, and the home page's install card for the browser's own offer
// (beforeinstallprompt), put away for good once dismissed. The screenshots themselves are made by
// dev/make-manifest-screenshots.ts.
import { DEMO, expect, test } from "./fixtures";

const EXPECTED = {
  "zh-CN": { name: "校园网自助服务", short_name: "校园网", shortcuts: ["充值", "套餐"] },
  en: { name: "Campus Network Self-Service", short_name: "CampusNet", shortcuts: ["Top up", "Packages"] },
} as const;

interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  shortcuts: { name: string; url: string }[];
  screenshots: { src: string; sizes: string; type: string; form_factor: string }[];
}

for (const [language, expected] of Object.entries(EXPECTED)) {
  test(`the manifest speaks ${language} to a browser that asks for it, anonymously`, async ({ request }) => {
    const res = await request.get("/manifest.webmanifest", {
      headers: { "Accept-Language": `${language},${language === "en" ? "zh-CN;q=0.5" : "en;q=0.5"}` },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/manifest+json");
    expect(res.headers()["vary"]?.toLowerCase()).toContain("accept-language");
    expect(res.headers()["cache-control"]).toContain("public");
    const manifest = (await res.json()) as Manifest;
    expect(manifest).toMatchObject({ lang: language, name: expected.name, short_name: expected.short_name });
    expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
      [expected.shortcuts[0], "/recharge"],
      [expected.shortcuts[1], "/packages"],
    ]);
    expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(["narrow", "wide"]);
    for (const shot of manifest.screenshots) {
      const img = await request.get(shot.src, { maxRedirects: 0 });
      expect(img.status(), shot.src).toBe(200);
      expect(img.headers()["content-type"]).toBe("image/png");
    }
  });
}

// The install card is checked on the phone.
test.describe("the install card", { tag: "@phone-only" }, () => {
  test.use({ account: DEMO.student });

  test("a browser's install offer shows the card; dismissed, it stays away after a reload", async ({ page }) => {
    // Counts the card's look-ups of its dismissal, so the test knows the listener ran after the reload.
    await page.addInitScript(() => {
      const w = window as unknown as { __installChecks: number };
      w.__installChecks = 0;
      const getItem = Storage.prototype.getItem;
      Storage.prototype.getItem = function (key: string) {
        if (key === "campusnet.install.dismissed") w.__installChecks++;
        return getItem.call(this, key);
      };
    });
    const offer = () =>
      page.evaluate(() => {
        const event = new Event("beforeinstallprompt", { cancelable: true });
        Object.assign(event, { prompt: () => Promise.resolve(), userChoice: Promise.resolve({ outcome: "dismissed" }) });
        window.dispatchEvent(event);
        return (window as unknown as { __installChecks: number }).__installChecks;
      });

    await page.goto("/");
    const card = page.getByTestId("install-card");
    // The listener is attached after hydration: offer until the card answers.
    await expect(async () => {
      await offer();
      await expect(card).toBeVisible({ timeout: 500 });
    }).toPass();
    await expect(card.getByRole("heading", { name: "安装到主屏幕" })).toBeVisible();
    await expect(card.getByRole("button", { name: "安装" })).toBeVisible();

    await card.getByRole("button", { name: "不再提示" }).click();
    await expect(card).toBeHidden();
    expect(await page.evaluate(() => localStorage.getItem("campusnet.install.dismissed"))).toBe("1");

    await page.reload();
    await expect(async () => expect(await offer()).toBeGreaterThan(0)).toPass();
    await expect(card).toBeHidden();
    await expect(page.getByTestId("ios-install-hint")).toBeHidden();
  });
});
