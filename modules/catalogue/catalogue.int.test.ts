// 套餐目录与特惠 on real PostgreSQL: an edit makes a new version and leaves holdings as bought; an
// offer's window, target group and per-student limit (also under concurrent exchanges); only the
// admin may change the catalogue, through the real server actions (the session stubbed).
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { offersForStudent } from "@/modules/packages/offers.service";
import { exchangePackage, listCatalogue, listExchanges } from "@/modules/packages/service";
import { createOfferAction, createPackageAction, editPackageAction, setPackageOnSaleAction } from "./actions";
import { createOfferSchema, createPackageSchema, editPackageSchema } from "./schemas";
import {
  createOffer,
  createPackage,
  editPackage,
  listOffersForAdmin,
  PAST_OFFERS_PAGE,
  parseOfferCursor,
  schedulePackage,
  setPackageOnSale,
  withdrawOffer,
} from "./service";

// 2026-10-01 12:00 Asia/Shanghai: academic year 2026
const T0 = new Date("2026-10-01T04:00:00Z");
const HOUR = 3600_000;
const at = (h: number) => new Date(T0.getTime() + h * HOUR);
const shanghaiInput = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

afterEach(() => {
  session.userId = null;
});
afterAll(async () => {
  await db().$disconnect();
});

async function admin() {
  return createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
}
const code = () => `T${randomInt(1e9)}`;

async function packageOnSale(actor: { id: string }, c = code(), price = "8", gb = "10") {
  const p = await createPackage(
    actor,
    createPackageSchema.parse({ code: c, nameZh: `测试${c}`, nameEn: `Test ${c}`, priceYuan: price, quotaGb: gb, validityMonths: "1" }),
    T0,
  );
  await setPackageOnSale(actor, { id: p.id, active: true });
  return p;
}
async function offer(
  actor: { id: string },
  family: string,
  o: { price?: string; from?: number; to?: number; limit?: string; target?: "ALL" | "NEW_STUDENTS" } = {},
) {
  return createOffer(
    actor,
    createOfferSchema.parse({
      family,
      priceYuan: o.price ?? "1",
      startsAt: shanghaiInput(at(o.from ?? -1)),
      endsAt: shanghaiInput(at(o.to ?? 24)),
      perStudentLimit: o.limit ?? "1",
      target: o.target ?? "ALL",
    }),
    T0,
  );
}
const balanceOf = async (userId: string) => (await db().ledgerAccount.findUniqueOrThrow({ where: { userId } })).balanceFen;

describe("versioning: an edit never alters a package a student holds", () => {
  it("writes a new version, takes the old one off sale, and the holding keeps price, quota, name and validity", async () => {
    const staff = await admin();
    const c = code();
    const p = await packageOnSale(staff, c, "8", "10");
    const s = await createUser(db(), { balanceFen: 5000n });
    const bought = await exchangePackage({ userId: s.id, packageId: p.id, requestKey: randomUUID(), now: T0 });
    const before = await db().packageHolding.findUniqueOrThrow({ where: { id: bought.holdingId } });

    const v2 = await editPackage(
      staff,
      editPackageSchema.parse({ id: p.id, nameZh: "改名", nameEn: "Renamed", priceYuan: "12", quotaGb: "30", validityMonths: "2" }),
      at(1),
    );
    expect(v2).toMatchObject({ code: `${c}.v2`, version: 2 });

    const after = await db().packageHolding.findUniqueOrThrow({ where: { id: bought.holdingId } });
    expect(after).toEqual(before);
    const old = await db().package.findUniqueOrThrow({ where: { id: p.id } });
    expect(old).toMatchObject({ priceFen: 800n, quotaBytes: 10n * 1024n ** 3n, nameZh: `测试${c}`, validityMonths: 1, active: false });
    expect(old.supersededAt).toEqual(at(1));
    const log = await listExchanges(s.id, {}, at(1));
    expect(log.items.map((i) => [i.packageCode, i.nameZh, i.priceFen])).toEqual([[c, `测试${c}`, 800n]]);

    const sale = await listCatalogue(at(1));
    expect(sale.some((k) => k.id === p.id)).toBe(false);
    expect(sale.find((k) => k.id === v2.id)).toMatchObject({ priceFen: 1200n, quotaBytes: 30n * 1024n ** 3n, validityMonths: 2, family: c });
    // the old version can be bought no more, nor edited again
    const other = await createUser(db(), { balanceFen: 5000n });
    await expect(exchangePackage({ userId: other.id, packageId: p.id, requestKey: randomUUID(), now: at(1) })).rejects.toMatchObject({
      code: "PACKAGE_UNAVAILABLE",
    });
    await expect(
      editPackage(staff, editPackageSchema.parse({ id: p.id, nameZh: "x", nameEn: "x", priceYuan: "1", quotaGb: "1", validityMonths: "1" })),
    ).rejects.toMatchObject({
      code: "PACKAGE_SUPERSEDED",
    });
    const audit = await db().auditLog.findMany({ where: { actorId: staff.id }, select: { action: true }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["catalogue.package.create", "catalogue.package.onSale", "catalogue.package.edit"]);
  });

  it("schedules and takes off sale in place; a duplicate code is refused", async () => {
    const staff = await admin();
    const c = code();
    const p = await packageOnSale(staff, c);
    await schedulePackage(staff, { id: p.id, availableFrom: at(2), availableUntil: at(5) });
    expect((await listCatalogue(at(1))).some((k) => k.id === p.id)).toBe(false);
    expect((await listCatalogue(at(3))).some((k) => k.id === p.id)).toBe(true);
    expect((await listCatalogue(at(5))).some((k) => k.id === p.id)).toBe(false);
    await setPackageOnSale(staff, { id: p.id, active: false });
    expect((await listCatalogue(at(3))).some((k) => k.id === p.id)).toBe(false);
    await expect(packageOnSale(staff, c)).rejects.toMatchObject({ code: "PACKAGE_CODE_TAKEN" });
  });
});

describe("特惠 offers", () => {
  it("charges the offer price only inside its window, and not once withdrawn", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff, code(), "8");
    const c = (await db().package.findUniqueOrThrow({ where: { id: p.id } })).code;
    const o = await offer(staff, c, { price: "3", from: 1, to: 3, limit: "5" });
    const buy = async (h: number) => {
      const u = await createUser(db(), { balanceFen: 1000n });
      return { u, r: exchangePackage({ userId: u.id, packageId: p.id, requestKey: randomUUID(), now: at(h), offerId: o.id }) };
    };
    const early = await buy(0);
    await expect(early.r).rejects.toMatchObject({ code: "OFFER_UNAVAILABLE" });
    expect(await balanceOf(early.u.id)).toBe(1000n);
    const inside = await buy(2);
    expect((await inside.r).priceFen).toBe(300n);
    expect(await balanceOf(inside.u.id)).toBe(700n);
    expect(await db().packageHolding.findFirstOrThrow({ where: { userId: inside.u.id } })).toMatchObject({ priceFen: 300n, offerId: o.id });
    await expect((await buy(3)).r).rejects.toMatchObject({ code: "OFFER_UNAVAILABLE" });
    // without the offer: the list price
    const plain = await createUser(db(), { balanceFen: 1000n });
    expect((await exchangePackage({ userId: plain.id, packageId: p.id, requestKey: randomUUID(), now: at(2) })).priceFen).toBe(800n);

    await withdrawOffer(staff, { id: o.id }, at(2));
    await expect((await buy(2.5)).r).rejects.toMatchObject({ code: "OFFER_UNAVAILABLE" });
    // the offer follows the package's family to its next version
    const p2 = await packageOnSale(staff, code(), "8");
    const f2 = (await db().package.findUniqueOrThrow({ where: { id: p2.id } })).code;
    const o2 = await offer(staff, f2, { price: "2" });
    const v2 = await editPackage(
      staff,
      editPackageSchema.parse({ id: p2.id, nameZh: "新", nameEn: "New", priceYuan: "9", quotaGb: "10", validityMonths: "1" }),
      T0,
    );
    const u = await createUser(db(), { balanceFen: 1000n });
    expect((await exchangePackage({ userId: u.id, packageId: v2.id, requestKey: randomUUID(), now: T0, offerId: o2.id })).priceFen).toBe(200n);
  });

  it("targets new students: the 学号's entry year is the current academic year", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff, code());
    const c = (await db().package.findUniqueOrThrow({ where: { id: p.id } })).code;
    const o = await offer(staff, c, { target: "NEW_STUDENTS" });
    const fresh = await createUser(db(), { studentNo: `2026${randomInt(1e6).toString().padStart(6, "0")}`, balanceFen: 1000n });
    const senior = await createUser(db(), { studentNo: `2025${randomInt(1e6).toString().padStart(6, "0")}`, balanceFen: 1000n });
    expect((await offersForStudent(fresh.id, T0)).get(c)?.id).toBe(o.id);
    expect((await offersForStudent(senior.id, T0)).has(c)).toBe(false);
    await expect(exchangePackage({ userId: senior.id, packageId: p.id, requestKey: randomUUID(), now: T0, offerId: o.id })).rejects.toMatchObject({
      code: "OFFER_NOT_ELIGIBLE",
    });
    expect(await balanceOf(senior.id)).toBe(1000n);
    expect((await exchangePackage({ userId: fresh.id, packageId: p.id, requestKey: randomUUID(), now: T0, offerId: o.id })).priceFen).toBe(100n);
    // in the next academic year (from September 2027) a 2026 学号 is no longer new
    expect((await offersForStudent(fresh.id, new Date("2027-09-01T00:00:00+08:00"))).has(c)).toBe(false);
  });

  it("enforces the per-student limit, also when one student exchanges concurrently", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff, code(), "8");
    const c = (await db().package.findUniqueOrThrow({ where: { id: p.id } })).code;
    const o = await offer(staff, c, { price: "1", limit: "1" });
    const s = await createUser(db(), { balanceFen: 5000n });
    const tries = await Promise.allSettled(
      Array.from({ length: 6 }, () => exchangePackage({ userId: s.id, packageId: p.id, requestKey: randomUUID(), now: T0, offerId: o.id })),
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    expect(await db().packageHolding.count({ where: { userId: s.id, offerId: o.id } })).toBe(1);
    expect(await balanceOf(s.id)).toBe(4900n);
    expect((await offersForStudent(s.id, T0)).has(c)).toBe(false);

    // used up: another package may be bought, but not at the offer again
    await db().packageHolding.updateMany({ where: { userId: s.id }, data: { usedBytes: 10n * 1024n ** 3n } });
    await expect(exchangePackage({ userId: s.id, packageId: p.id, requestKey: randomUUID(), now: at(1), offerId: o.id })).rejects.toMatchObject({
      code: "OFFER_LIMIT_REACHED",
    });
    expect(await balanceOf(s.id)).toBe(4900n);
    expect((await exchangePackage({ userId: s.id, packageId: p.id, requestKey: randomUUID(), now: at(1) })).priceFen).toBe(800n);
    expect((await verifyLedger()).ok).toBe(true);
  });
});

describe("who may", () => {
  it("only the admin, through the real actions; others are refused and nothing changes; bad input changes nothing", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff, code());
    const c = code();
    const form = { code: c, nameZh: "甲", nameEn: "A", priceYuan: "5", quotaGb: "8", validityMonths: "1" };
    for (const role of ["STUDENT", "OPERATOR", "FINANCE"] as const) {
      session.userId = (await createUser(db(), { role, studentNo: `X${randomInt(1e9)}` })).id;
      expect((await createPackageAction(form))?.serverError?.code).toBe("FORBIDDEN");
      expect((await editPackageAction({ id: p.id, nameZh: "乙", nameEn: "B", priceYuan: "1", quotaGb: "1", validityMonths: "1" }))?.serverError?.code).toBe(
        "FORBIDDEN",
      );
      expect((await setPackageOnSaleAction({ id: p.id, active: false }))?.serverError?.code).toBe("FORBIDDEN");
      expect(
        (
          await createOfferAction({
            family: p.code,
            priceYuan: "1",
            startsAt: "2026-10-01T00:00",
            endsAt: "2026-10-02T00:00",
            perStudentLimit: "1",
            target: "ALL",
          })
        )?.serverError?.code,
      ).toBe("FORBIDDEN");
    }
    session.userId = null;
    expect((await createPackageAction(form))?.serverError?.code).toBe("UNAUTHENTICATED");
    expect(await db().package.count({ where: { code: c } })).toBe(0);
    expect(await db().package.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ active: true, supersededAt: null });
    expect(await db().packageOffer.count({ where: { family: p.code } })).toBe(0);

    session.userId = staff.id;
    const bad = await createOfferAction({
      family: p.code,
      priceYuan: "1",
      startsAt: "2026-10-02T00:00",
      endsAt: "2026-10-01T00:00",
      perStudentLimit: "0",
      target: "ALL",
    });
    expect(bad?.validationErrors).toBeDefined();
    expect((await createPackageAction({ ...form, priceYuan: "abc" }))?.validationErrors).toBeDefined();
    expect(await db().packageOffer.count({ where: { family: p.code } })).toBe(0);
    expect(await db().package.count({ where: { code: c } })).toBe(0);
    const ok = await createPackageAction(form);
    expect(ok?.data?.code).toBe(c);
    expect(await db().package.findUniqueOrThrow({ where: { code: c } })).toMatchObject({ active: false, priceFen: 500n, family: c });
  });
});

describe("offer checks: refused with nothing written", () => {
  const offersOf = (family: string) => db().packageOffer.count({ where: { family } });
  const familyOfPackage = async (id: string) => (await db().package.findUniqueOrThrow({ where: { id } })).code;

  it("the offer price must be above zero and below the package's current list price", async () => {
    const staff = await admin();
    const p = await packageOnSale(staff, code(), "8");
    const c = await familyOfPackage(p.id);
    await expect(offer(staff, c, { price: "8" })).rejects.toMatchObject({ code: "OFFER_PRICE_NOT_BELOW_LIST", params: { list: "8.00" } });
    await expect(offer(staff, c, { price: "9.5" })).rejects.toMatchObject({ code: "OFFER_PRICE_NOT_BELOW_LIST" });
    expect(() =>
      createOfferSchema.parse({ family: c, priceYuan: "0", startsAt: "2026-10-01T10:00", endsAt: "2026-10-02T10:00", perStudentLimit: "1", target: "ALL" }),
    ).toThrow();
    session.userId = staff.id;
    const zero = await createOfferAction({
      family: c,
      priceYuan: "0",
      startsAt: "2026-10-01T10:00",
      endsAt: "2026-10-02T10:00",
      perStudentLimit: "1",
      target: "ALL",
    });
    expect(zero?.validationErrors).toBeDefined();
    const same = await createOfferAction({
      family: c,
      priceYuan: "8",
      startsAt: "2026-10-01T10:00",
      endsAt: "2026-10-02T10:00",
      perStudentLimit: "1",
      target: "ALL",
    });
    expect(same?.serverError?.code).toBe("OFFER_PRICE_NOT_BELOW_LIST");
    expect(await offersOf(c)).toBe(0);
    // the list price is the current version's: after an edit to ¥12, ¥9 is an offer
    await editPackage(staff, editPackageSchema.parse({ id: p.id, nameZh: "新", nameEn: "New", priceYuan: "12", quotaGb: "10", validityMonths: "1" }), T0);
    await offer(staff, c, { price: "9" });
    expect(await offersOf(c)).toBe(1);
    expect(await db().auditLog.count({ where: { actorId: staff.id, action: "catalogue.offer.create" } })).toBe(1);
  });

  it("offers of one family may not overlap (the refusal names the other window in Shanghai time); touching windows, other families and a withdrawn offer's rest are fine", async () => {
    const staff = await admin();
    const c = await familyOfPackage((await packageOnSale(staff, code(), "8")).id);
    const other = await familyOfPackage((await packageOnSale(staff, code(), "8")).id);
    const first = await offer(staff, c, { from: 1, to: 5 });
    // T0 + 1 h = 2026-10-01 13:00 Asia/Shanghai
    const named = { code: "OFFER_OVERLAPS", params: { from: "2026-10-01 13:00", to: "2026-10-01 17:00" } };
    await expect(offer(staff, c, { from: 4, to: 8 })).rejects.toMatchObject(named);
    await expect(offer(staff, c, { from: 0, to: 2 })).rejects.toMatchObject(named);
    await expect(offer(staff, c, { from: 2, to: 3 })).rejects.toMatchObject(named);
    await expect(offer(staff, c, { from: 0, to: 10 })).rejects.toMatchObject(named);
    session.userId = staff.id;
    const viaAction = await createOfferAction({
      family: c,
      priceYuan: "1",
      startsAt: shanghaiInput(at(3)),
      endsAt: shanghaiInput(at(6)),
      perStudentLimit: "1",
      target: "ALL",
    });
    expect(viaAction?.serverError?.code).toBe("OFFER_OVERLAPS");
    expect(await offersOf(c)).toBe(1);

    await offer(staff, c, { from: 5, to: 8 }); // [start, end): touching is not overlapping
    await offer(staff, other, { from: 1, to: 5 });
    await expect(offer(staff, c, { from: 7, to: 9 })).rejects.toMatchObject({ code: "OFFER_OVERLAPS", params: { from: "2026-10-01 17:00" } });
    // withdrawn at +2 h, the first offer's window ends there
    await withdrawOffer(staff, { id: first.id }, at(2));
    await expect(offer(staff, c, { from: 1, to: 3 })).rejects.toMatchObject({ code: "OFFER_OVERLAPS", params: { to: "2026-10-01 14:00" } });
    await offer(staff, c, { from: 2, to: 4 });
    expect(await offersOf(c)).toBe(3);

    // two admins at once: one of two overlapping offers is created
    const c2 = await familyOfPackage((await packageOnSale(staff, code(), "8")).id);
    const both = await Promise.allSettled([offer(staff, c2, { from: 1, to: 5 }), offer(staff, c2, { from: 3, to: 7 })]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await offersOf(c2)).toBe(1);
  });
});

describe("the admin's offer list", () => {
  it("shows current and scheduled offers; past ones 50 a page by keyset, each once, latest end first", async () => {
    const staff = await admin();
    const c = (await db().package.findUniqueOrThrow({ where: { id: (await packageOnSale(staff, code(), "8")).id } })).code;
    // 55 ended hour-long offers far from other tests' windows, and one current, one scheduled
    const base = new Date("2035-03-01T00:00:00Z").getTime();
    await db().packageOffer.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        family: c,
        priceFen: 100n,
        startsAt: new Date(base + i * HOUR),
        endsAt: new Date(base + (i + 1) * HOUR),
        perStudentLimit: 1,
        createdById: staff.id,
      })),
    });
    const now = new Date(base + 60 * HOUR);
    await db().packageOffer.createMany({
      data: [
        { family: c, priceFen: 100n, startsAt: new Date(base + 59 * HOUR), endsAt: new Date(base + 61 * HOUR), perStudentLimit: 1, createdById: staff.id },
        { family: c, priceFen: 100n, startsAt: new Date(base + 70 * HOUR), endsAt: new Date(base + 71 * HOUR), perStudentLimit: 1, createdById: staff.id },
      ],
    });
    const current = await listOffersForAdmin({ view: "current" }, now);
    const mine = current.offers.filter((o) => o.family === c);
    expect(mine.map((o) => o.startsAt.getTime())).toEqual([base + 59 * HOUR, base + 70 * HOUR]);
    expect(current.nextCursor).toBeNull();

    const page1 = await listOffersForAdmin({ view: "past" }, now);
    expect(page1.offers).toHaveLength(PAST_OFFERS_PAGE);
    expect(page1.offers.every((o) => o.family === c)).toBe(true);
    expect(page1.offers[0]!.endsAt.getTime()).toBe(base + 55 * HOUR);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await listOffersForAdmin({ view: "past", before: parseOfferCursor(page1.nextCursor) }, now);
    const seen = [...page1.offers, ...page2.offers].filter((o) => o.family === c);
    expect(seen.map((o) => o.endsAt.getTime())).toEqual(Array.from({ length: 55 }, (_, i) => base + (55 - i) * HOUR));
    expect(new Set(seen.map((o) => o.id)).size).toBe(55);
    // a cursor that is not one reads as the first page, never an error
    expect(parseOfferCursor("x_y")).toBeNull();
    expect(parseOfferCursor(undefined)).toBeNull();
  });
});
