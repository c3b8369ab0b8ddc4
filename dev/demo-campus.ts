// The living demo campus: a few thousand students with six months of believable usage
// (weekday/weekend rhythm, exam weeks, holidays), packages bought when the free quota ran
// out, some students throttled now. Simulated day by day with the app's own quota rules
// (free first, then package; one package at a time), then bulk-inserted in one transaction.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { DEMO_ACCOUNTS } from "@/dev/idp/accounts";
import { seedPlanDemo } from "@/dev/demo-plans";
import { PAUSE_DEMO, seedPauseDemo } from "@/dev/demo-pauses";
import { APPEAL_DEMO, seedAppealDemo } from "@/dev/demo-appeals";
import { seedDeviceDemo } from "@/dev/demo-devices";
import { seedGuestDemo } from "@/dev/demo-guests";
import { seedNotificationDemo } from "@/dev/demo-notifications";
import { now as clockNow } from "@/lib/clock";
import { GiB } from "@/lib/units";
import { DEFAULT_PACKAGES } from "@/modules/packages/catalogue";
import { drawOrder } from "@/modules/quota/rules";
import { addMonths, dayKey, monthKey, monthStart, shanghaiDateTime, shiftMonthKey } from "@/lib/time";
import { mulberry32 } from "@/dev/simulator-model";

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨晓宇浩然子涵欣怡梓萱一诺思远俊杰嘉怡雨桐若曦博文皓轩佳琪语嫣天佑雅静梦琪欣妍诗涵".split(
    "",
  );
const COLLEGES = [
  "计算机学院",
  "电子信息学院",
  "经济管理学院",
  "外国语学院",
  "数学科学学院",
  "物理学院",
  "化学化工学院",
  "生命科学学院",
  "法学院",
  "新闻传播学院",
  "机械工程学院",
  "建筑学院",
];

function normal(rand: () => number) {
  return Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
}

/** How busy the campus network is on a Shanghai calendar day, relative to a normal weekday. */
export function campusDayFactor(day: string, onCampusInHolidays: boolean): number {
  const [, m, d] = day.split("-").map(Number) as [number, number, number];
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const md = m * 100 + d;
  const winter = md >= 117 && md <= 224;
  const summer = md >= 711 && md <= 831;
  if (winter || summer) return onCampusInHolidays ? 0.85 : 0.06;
  let f = weekday === 6 ? 1.35 : weekday === 0 ? 1.3 : weekday === 5 ? 1.12 : 1;
  if (md >= 1001 && md <= 1007) f *= onCampusInHolidays ? 1.1 : 0.4; // National Day week
  if ((md >= 622 && md <= 710) || md >= 1228 || md <= 116) f *= 0.72; // exam weeks
  return f;
}

interface Profile {
  studentNo: string;
  name: string;
  college: string;
  role: "STUDENT" | "OPERATOR" | "FINANCE" | "ADMIN";
  oidcSub: string | null;
  baseDailyGiB: number;
  buyer: boolean;
  openingFen: bigint;
  stays: boolean;
  noHistory?: boolean;
  /** the demo persona promise, kept whatever the date (README "Demo accounts") */
  promise?: "throttled" | "package";
  /** the package this buyer exchanges when out of data (default: by daily usage) */
  wants?: string;
}

export interface SeedResult {
  students: number;
  orders: number;
  dailyRows: number;
  holdings: number;
  throttledNow: number;
  ms: number;
}

export async function seedDemoCampus(databaseUrl: string, opts: { students: number; now?: Date; log?: (m: string) => void }): Promise<SeedResult> {
  // eslint-disable-next-line no-restricted-syntax -- measures how long the seed took
  const started = Date.now();
  const now = opts.now ?? clockNow();
  const rand = mulberry32(20261123);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Catalogue and one time-limited special offer (特惠).
    const pkgIds = new Map<string, { id: string; priceFen: bigint; quotaBytes: bigint }>();
    const catalogue = [
      ...DEFAULT_PACKAGES.map((p) => ({ ...p, special: false, availableUntil: null as Date | null })),
      {
        code: "WINTER15",
        nameZh: "冬季特惠 15元50G",
        nameEn: "Winter offer ¥15 · 50 GB",
        priceFen: 1500n,
        quotaBytes: 50n * GiB,
        sortOrder: 0,
        special: true,
        availableUntil: addMonths(now, 1),
      },
    ];
    for (const p of catalogue) {
      const r = await client.query(
        `INSERT INTO "packages" ("id","code","nameZh","nameEn","priceFen","quotaBytes","validityMonths","special","availableUntil","active","sortOrder","createdAt")
         VALUES (gen_random_uuid(),$1,$2,$3,$4,$5,1,$6,$7,true,$8,$9)
         ON CONFLICT ("code") DO UPDATE SET "code" = EXCLUDED."code" RETURNING "id","priceFen","quotaBytes"`,
        [
          p.code,
          p.nameZh,
          p.nameEn,
          p.priceFen.toString(),
          p.quotaBytes.toString(),
          p.special,
          p.availableUntil,
          p.sortOrder,
          monthStart(shiftMonthKey(monthKey(now), -5)),
        ],
      );
      pkgIds.set(p.code, { id: r.rows[0].id, priceFen: BigInt(r.rows[0].priceFen), quotaBytes: BigInt(r.rows[0].quotaBytes) });
    }
    const policy = await client.query(`SELECT "freeMonthlyBytes" FROM "quota_policy" WHERE "id" = 1`);
    const freeBytes = BigInt(policy.rows[0]?.freeMonthlyBytes ?? 20n * GiB);

    // People: the demo accounts first, then generated students.
    const profiles: Profile[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const role = a.role.toUpperCase() as Profile["role"];
      const base: Profile = {
        studentNo: a.username,
        name: a.name,
        college: a.college,
        role,
        oidcSub: a.sub,
        baseDailyGiB: 0,
        buyer: false,
        openingFen: 0n,
        stays: false,
        noHistory: role !== "STUDENT",
      };
      if (a.username === "2023010001") Object.assign(base, { baseDailyGiB: 1.4, buyer: true, openingFen: 12650n, promise: "package" });
      else if (a.username === "2023010002") Object.assign(base, { baseDailyGiB: 2.6, buyer: false, openingFen: 2500n, promise: "throttled" });
      else if (a.username === "2023010004") Object.assign(base, { baseDailyGiB: 0.35, buyer: false, openingFen: 8000n });
      // Keyboard-only money path (e2e/keyboard.spec.ts): tops up and buys a package with no other test touching the balance.
      else if (a.username === "2023010007") Object.assign(base, { baseDailyGiB: 0.3, buyer: false, openingFen: 5000n });
      // 用量预测 persona: a heavy user who buys the smallest package each time, so at her pace the data runs out before the month ends.
      else if (a.username === "2023010030") Object.assign(base, { baseDailyGiB: 1.2, buyer: true, openingFen: 12000n, wants: "P5" });
      // 误操作申诉 personas: their exchanges and appeals come from seedAppealDemo below.
      else if (a.username === APPEAL_DEMO.pending) Object.assign(base, { baseDailyGiB: 0.3, buyer: false, openingFen: 6000n });
      else if (a.username === APPEAL_DEMO.eligible) Object.assign(base, { baseDailyGiB: 0.25, buyer: false, openingFen: 5000n });
      // 停机保号 persona: paused, with a frozen package (seedPauseDemo below).
      else if (a.username === PAUSE_DEMO.paused) Object.assign(base, { baseDailyGiB: 0.6, buyer: false, openingFen: 3000n });
      else if (role === "STUDENT") continue; // the brand-new student appears at first sign-in
      profiles.push(base);
    }
    const years = [2022, 2023, 2024, 2025];
    for (let i = 0; i < opts.students; i++) {
      const year = years[i % years.length]!;
      const collegeIdx = Math.floor(rand() * COLLEGES.length);
      const name =
        SURNAMES[Math.floor(rand() * SURNAMES.length)]! +
        GIVEN[Math.floor(rand() * GIVEN.length)]! +
        (rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)]! : "");
      const base = Math.exp(Math.log(0.55) + 0.75 * normal(rand));
      profiles.push({
        studentNo: `${year}${String(collegeIdx + 1).padStart(2, "0")}${String(1000 + i).padStart(4, "0")}`,
        name,
        college: COLLEGES[collegeIdx]!,
        role: "STUDENT",
        oidcSub: null,
        baseDailyGiB: Math.min(base, 6),
        buyer: rand() < 0.55,
        openingFen: BigInt(Math.round(rand() < 0.15 ? rand() * 500 : 1000 + rand() * 14000)),
        stays: rand() < 0.12,
      });
    }

    const firstMonth = shiftMonthKey(monthKey(now), -5);
    const simStart = monthStart(firstMonth);
    const dayMs = 86_400_000;
    const todayKey = dayKey(now);
    const nowMonth = monthKey(now);
    const todayOfMonth = Number(todayKey.slice(8, 10));
    const shanghaiMidnightToday = monthStart(monthKey(now)).getTime() + (Number(todayKey.slice(8, 10)) - 1) * dayMs;
    const fractionOfToday = Math.min(1, Math.max(0.05, (now.getTime() - shanghaiMidnightToday) / dayMs));
    const smallest = [...pkgIds.entries()].filter(([c]) => c.startsWith("P")).sort((a, b) => Number(a[1].priceFen - b[1].priceFen));

    const users: { id: string; p: Profile }[] = profiles.map((p) => ({ id: randomUUID(), p }));
    const cols = {
      daily: { user: [] as string[], day: [] as string[], up: [] as string[], down: [] as string[] },
      mq: { user: [] as string[], month: [] as string[], used: [] as string[], a80: [] as (string | null)[], a100: [] as (string | null)[] },
      entries: { id: [] as string[], key: [] as string[], kind: [] as string[], memo: [] as string[], at: [] as string[], by: [] as (string | null)[] },
      postings: { entry: [] as string[], account: [] as string[], amount: [] as string[], at: [] as string[] },
      orders: {
        id: [] as string[],
        no: [] as string[],
        user: [] as string[],
        by: [] as string[],
        channel: [] as string[],
        amount: [] as string[],
        state: [] as string[],
        txn: [] as (string | null)[],
        paid: [] as (string | null)[],
        afterClose: [] as boolean[],
        flag: [] as (string | null)[],
        note: [] as (string | null)[],
        entry: [] as (string | null)[],
        expires: [] as string[],
        paidAt: [] as (string | null)[],
        creditedAt: [] as (string | null)[],
        closedAt: [] as (string | null)[],
        flaggedAt: [] as (string | null)[],
        created: [] as string[],
      },
      events: { order: [] as string[], from: [] as (string | null)[], to: [] as string[], note: [] as (string | null)[], at: [] as string[] },
      trades: {
        no: [] as string[],
        txn: [] as string[],
        amount: [] as string[],
        state: [] as string[],
        created: [] as string[],
        paid: [] as (string | null)[],
      },
      holdings: {
        id: [] as string[],
        user: [] as string[],
        pkg: [] as string[],
        entry: [] as string[],
        price: [] as string[],
        quota: [] as string[],
        used: [] as string[],
        start: [] as string[],
        exp: [] as string[],
        state: [] as string[],
      },
    };
    const walletIds = new Map<string, string>();
    const sys = await client.query(`SELECT "id","code" FROM "ledger_accounts" WHERE "kind" <> 'STUDENT_WALLET'`);
    const sysId = new Map<string, string>(sys.rows.map((r: { id: string; code: string }) => [r.code, r.id]));
    let throttledNow = 0;

    const addEntry = (kind: string, memo: string, at: Date, postings: [string, bigint][], by: string | null, key?: string) => {
      const id = randomUUID();
      cols.entries.id.push(id);
      cols.entries.key.push(key ?? `seed:${kind.toLowerCase()}:${id}`);
      cols.entries.kind.push(kind);
      cols.entries.memo.push(memo);
      cols.entries.at.push(at.toISOString());
      cols.entries.by.push(by);
      for (const [account, amount] of postings) {
        cols.postings.entry.push(id);
        cols.postings.account.push(account);
        cols.postings.amount.push(amount.toString());
        cols.postings.at.push(at.toISOString());
      }
      return id;
    };

    const operatorId = users.find((x) => x.p.role === "OPERATOR")?.id ?? null;
    const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // Unique within the seed: at 50,000 students many orders share a second, and the seeded PRNG repeats suffixes.
    const usedOrderNos = new Set<string>();
    const orderNo = (at: Date) => {
      for (;;) {
        let sfx = "";
        for (let i = 0; i < 6; i++) sfx += ALNUM[Math.floor(rand() * ALNUM.length)];
        const no = `R${shanghaiDateTime(at).replace(/[-: ]/g, "")}${sfx}`;
        if (!usedOrderNos.has(no)) {
          usedOrderNos.add(no);
          return no;
        }
      }
    };
    const txnId = () => {
      let t = "42000";
      while (t.length < 28) t += String(Math.floor(rand() * 10));
      return t;
    };
    /** A recharge order with its timestamped history; CREDITED ones are booked in the ledger. */
    const addOrder = (o: {
      userId: string;
      wallet: string;
      channel: "SANDBOX" | "COUNTER";
      amountFen: bigint;
      at: Date;
      state: "CREATED" | "CLOSED" | "CREDITED" | "FLAGGED";
      paidFen?: bigint;
      afterClose?: boolean;
      note?: string;
    }) => {
      const id = randomUUID();
      const no = orderNo(o.at);
      const iso = (ms: number) => new Date(o.at.getTime() + ms).toISOString();
      const expires = o.channel === "COUNTER" ? o.at : new Date(o.at.getTime() + 15 * 60_000);
      const paidMs = o.afterClose ? 17 * 60_000 : 40_000 + Math.floor(rand() * 80_000);
      const paid = o.state === "CREDITED" || o.state === "FLAGGED" ? (o.channel === "COUNTER" ? 0 : paidMs) : null;
      const txn = o.channel === "SANDBOX" && paid !== null ? txnId() : null;
      const paidFen = o.paidFen ?? o.amountFen;
      let entry: string | null = null;
      const event = (from: string | null, to: string, ms: number, note: string | null = null) => {
        cols.events.order.push(id);
        cols.events.from.push(from);
        cols.events.to.push(to);
        cols.events.note.push(note);
        cols.events.at.push(iso(ms));
      };
      event(null, "CREATED", 0, o.channel === "COUNTER" ? "counter" : null);
      if (o.afterClose) event("CREATED", "CLOSED", 15 * 60_000, "timeout");
      if (o.state === "CLOSED") event("CREATED", "CLOSED", 15 * 60_000, "timeout");
      if (paid !== null) event(o.afterClose ? "CLOSED" : "CREATED", "PAID", paid);
      if (o.state === "CREDITED") {
        const source = o.channel === "COUNTER" ? sysId.get("source:counter")! : sysId.get("source:sandbox")!;
        entry = addEntry(
          "RECHARGE",
          `recharge ${no}`,
          new Date(o.at.getTime() + paid! + 300),
          [
            [source, -o.amountFen],
            [o.wallet, o.amountFen],
          ],
          o.channel === "COUNTER" ? operatorId : o.userId,
          o.channel === "COUNTER" ? `recharge:COUNTER:${no}` : `recharge:SANDBOX:${txn}`,
        );
        event("PAID", "CREDITED", paid! + 300);
      }
      if (o.state === "FLAGGED") event("PAID", "FLAGGED", paid! + 300, "amount mismatch");
      cols.orders.id.push(id);
      cols.orders.no.push(no);
      cols.orders.user.push(o.userId);
      cols.orders.by.push(o.channel === "COUNTER" && operatorId ? operatorId : o.userId);
      cols.orders.channel.push(o.channel);
      cols.orders.amount.push(o.amountFen.toString());
      cols.orders.state.push(o.state);
      cols.orders.txn.push(txn);
      cols.orders.paid.push(paid !== null ? paidFen.toString() : null);
      cols.orders.afterClose.push(Boolean(o.afterClose));
      cols.orders.flag.push(o.state === "FLAGGED" ? "AMOUNT_MISMATCH" : null);
      cols.orders.note.push(o.note ?? null);
      cols.orders.entry.push(entry);
      cols.orders.expires.push(expires.toISOString());
      cols.orders.paidAt.push(paid !== null ? iso(paid) : null);
      cols.orders.creditedAt.push(o.state === "CREDITED" ? iso(paid! + 300) : null);
      cols.orders.closedAt.push(o.state === "CLOSED" || o.afterClose ? iso(15 * 60_000) : null);
      cols.orders.flaggedAt.push(o.state === "FLAGGED" ? iso(paid! + 300) : null);
      cols.orders.created.push(o.at.toISOString());
      if (o.channel === "SANDBOX") {
        cols.trades.no.push(no);
        cols.trades.txn.push(txn ?? txnId());
        cols.trades.amount.push(paidFen.toString());
        cols.trades.state.push(paid !== null ? "SUCCESS" : o.state === "CLOSED" ? "CLOSED" : "NOTPAY");
        cols.trades.created.push(o.at.toISOString());
        cols.trades.paid.push(paid !== null ? iso(paid) : null);
      }
    };

    let studentIndex = 0;
    let topUps = 0;
    for (const { id: userId, p } of users) {
      const wallet = randomUUID();
      walletIds.set(userId, wallet);
      if (p.noHistory) continue;
      const urand = mulberry32(Number(p.studentNo.replace(/\D/g, "").slice(-9)) || 7);
      let balance = p.openingFen;
      const openingAt = new Date(simStart.getTime() + 3600_000);
      let month = "";
      let freeUsed = 0n;
      let a80: string | null = null;
      let a100: string | null = null;
      let holding: null | { id: string; quota: bigint; used: bigint; exp: Date; idx: number } = null;
      const flushMonth = () => {
        if (!month) return;
        cols.mq.user.push(userId);
        cols.mq.month.push(month);
        cols.mq.used.push(freeUsed.toString());
        cols.mq.a80.push(a80);
        cols.mq.a100.push(a100);
      };
      const closeHolding = (state: "USED_UP" | "EXPIRED") => {
        if (!holding) return;
        cols.holdings.used[holding.idx] = holding.used.toString();
        cols.holdings.state[holding.idx] = state;
        holding = null;
      };
      for (let t = simStart.getTime(); t <= now.getTime(); t += dayMs) {
        const at = new Date(t);
        const mk = monthKey(at);
        if (mk !== month) {
          flushMonth();
          month = mk;
          freeUsed = 0n;
          a80 = null;
          a100 = null;
        }
        if (holding && holding.exp.getTime() <= t) closeHolding("EXPIRED");
        const key = dayKey(at);
        const partial = key === todayKey ? fractionOfToday : 1;
        const throttled = freeUsed >= freeBytes && !holding;
        const gib = p.baseDailyGiB * campusDayFactor(key, p.stays) * Math.exp(0.35 * normal(urand)) * partial * (throttled ? 0.45 : 1);
        let bytes = BigInt(Math.max(0, Math.round(gib * 1024 ** 3)));
        if (p.promise === "throttled" && mk === nowMonth) {
          // Throttled on any day of the month, the 1st at 00:00 included: this month's free
          // quota is spread over the days so far and used up by now, with a little throttled traffic on top.
          const dom = Number(key.slice(8, 10));
          const due = (freeBytes * BigInt(dom)) / BigInt(todayOfMonth) - freeUsed + (dom === todayOfMonth ? 300n * 1024n ** 2n : 0n);
          if (due > bytes) bytes = due;
        }
        const upShare = 0.08 + urand() * 0.07;
        const up = BigInt(Math.round(Number(bytes) * upShare));
        if (bytes > 0n) {
          cols.daily.user.push(userId);
          cols.daily.day.push(key);
          cols.daily.up.push(up.toString());
          cols.daily.down.push((bytes - up).toString());
        }
        const draw = drawOrder(freeBytes - freeUsed, holding ? holding.quota - holding.used : 0n, bytes);
        freeUsed += draw.fromFree;
        if (holding) {
          holding.used += draw.fromPackage;
          if (holding.used >= holding.quota) closeHolding("USED_UP");
        }
        const pct = Number((freeUsed * 100n) / freeBytes);
        if (pct >= 80 && !a80) a80 = at.toISOString();
        if (pct >= 100 && !a100) a100 = at.toISOString();
        // Out of high-speed data: a buyer exchanges the package that fits their habit, if affordable.
        // The package persona holds one whatever the date: bought a few hours ago if none is live today.
        let promised = false;
        let notBefore = simStart.getTime() + 3 * 3600_000;
        if (p.promise === "package" && key === todayKey) {
          // A package that runs out before now (by date) ends here, and the next one follows it.
          if (holding && holding.exp.getTime() <= now.getTime()) {
            notBefore = Math.max(notBefore, holding.exp.getTime() + 1);
            closeHolding("EXPIRED");
          }
          promised = !holding;
        }
        if ((freeUsed >= freeBytes && !holding && p.buyer) || promised) {
          const want = p.wants ?? (p.baseDailyGiB > 2 ? "P30" : p.baseDailyGiB > 1.1 ? "P20" : p.baseDailyGiB > 0.7 ? "P10" : "P5");
          if (promised && balance < pkgIds.get(want)!.priceFen) {
            const topUp = 5000n;
            addOrder({
              userId,
              wallet,
              channel: "SANDBOX",
              amountFen: topUp,
              at: new Date(Math.max(simStart.getTime() + 7200_000, now.getTime() - 4 * 3600_000)),
              state: "CREDITED",
            });
            balance += topUp;
          }
          const choice = [...smallest].reverse().find(([c, v]) => v.priceFen <= balance && (c === want || v.priceFen < pkgIds.get(want)!.priceFen));
          if (choice) {
            const [code, pkg] = choice;
            const boughtAt = promised
              ? new Date(Math.max(notBefore, now.getTime() - 3 * 3600_000, now.getTime() - Math.floor((now.getTime() - notBefore) / 2)))
              : new Date(t + Math.floor(urand() * 12 * 3600_000));
            if (boughtAt.getTime() < now.getTime()) {
              const entryId = addEntry(
                "EXCHANGE",
                `exchange ${code}`,
                boughtAt,
                [
                  [wallet, -pkg.priceFen],
                  [sysId.get("revenue:packages")!, pkg.priceFen],
                ],
                userId,
              );
              balance -= pkg.priceFen;
              const hid = randomUUID();
              const exp = addMonths(boughtAt, 1);
              const idx = cols.holdings.id.length;
              cols.holdings.id.push(hid);
              cols.holdings.user.push(userId);
              cols.holdings.pkg.push(pkg.id);
              cols.holdings.entry.push(entryId);
              cols.holdings.price.push(pkg.priceFen.toString());
              cols.holdings.quota.push(pkg.quotaBytes.toString());
              cols.holdings.used.push("0");
              cols.holdings.start.push(boughtAt.toISOString());
              cols.holdings.exp.push(exp.toISOString());
              cols.holdings.state.push("ACTIVE");
              holding = { id: hid, quota: pkg.quotaBytes, used: 0n, exp, idx };
            }
          }
        }
      }
      flushMonth();
      if (holding && (holding as { exp: Date }).exp.getTime() <= now.getTime()) closeHolding("EXPIRED");
      if (holding) cols.holdings.used[holding.idx] = (holding as { used: bigint }).used.toString();
      if (freeUsed >= freeBytes && !holding) throttledNow++;
      // The balance the student started the window with: whole tens of yuan came in as
      // recharges (online or at the counter); the rest is a balance migrated from the old portal.
      const recharged = (p.openingFen / 1000n) * 1000n;
      const migrated = p.openingFen - recharged;
      if (migrated > 0n) {
        addEntry(
          "OPENING",
          "期初余额（旧系统迁移）",
          openingAt,
          [
            [sysId.get("source:opening")!, -migrated],
            [wallet, migrated],
          ],
          null,
        );
      }
      if (recharged > 0n) {
        const counter = urand() < 0.25 && recharged % 500n === 0n;
        const afterClose = !counter && urand() < 0.03;
        addOrder({
          userId,
          wallet,
          channel: counter ? "COUNTER" : "SANDBOX",
          amountFen: recharged,
          at: new Date(openingAt.getTime() + 60_000),
          state: "CREDITED",
          afterClose,
          note: counter ? `${p.studentNo} ${p.name}` : undefined,
        });
      }
      // Orders that moved no money: abandoned (closed), a few under finance review, a few just created.
      const span = now.getTime() - simStart.getTime();
      if (urand() < 0.12)
        addOrder({
          userId,
          wallet,
          channel: "SANDBOX",
          amountFen: 2000n,
          at: new Date(simStart.getTime() + Math.floor(urand() * (span - 3600_000))),
          state: "CLOSED",
        });
      studentIndex++;
      if (studentIndex % 250 === 7)
        addOrder({
          userId,
          wallet,
          channel: "SANDBOX",
          amountFen: 5000n,
          paidFen: 500n,
          at: new Date(simStart.getTime() + Math.floor(urand() * (span - 3600_000))),
          state: "FLAGGED",
        });
      if (studentIndex % 200 === 3)
        addOrder({ userId, wallet, channel: "SANDBOX", amountFen: 1000n, at: new Date(now.getTime() - Math.floor(urand() * 10 * 60_000)), state: "CREATED" });
      // Generated students keep topping up: about a third recharged once in the last four weeks, so the
      // dashboard's recharges by channel and day are alive whatever the date (own generator: the rest of
      // this student's history stays as it was).
      if (p.oidcSub === null && p.role === "STUDENT") {
        const topUp = mulberry32((Number(p.studentNo.replace(/\D/g, "").slice(-9)) || 7) ^ 0x5eed);
        if (topUp() < 0.35) {
          // one in four at the counter (counted, not drawn: even a small demo campus has both channels)
          const counter = topUps++ % 4 === 0;
          addOrder({
            userId,
            wallet,
            channel: counter ? "COUNTER" : "SANDBOX",
            amountFen: [2000n, 3000n, 5000n][Math.floor(topUp() * 3)]!,
            at: new Date(now.getTime() - 3600_000 - Math.floor(topUp() * 27 * dayMs)),
            state: "CREDITED",
            note: counter ? `${p.studentNo} ${p.name}` : undefined,
          });
        }
      }
    }

    // Bulk inserts. Opening entries must precede exchanges for the wallet CHECK: insert postings ordered by time.
    const u = users;
    await client.query(
      `INSERT INTO "users" ("id","studentNo","name","role","status","college","oidcSub","createdAt","updatedAt")
       SELECT id, sno, name, role::"Role", 'ACTIVE', college, sub, $7::timestamptz, $7::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, sno, name, role, college, sub)`,
      [
        u.map((x) => x.id),
        u.map((x) => x.p.studentNo),
        u.map((x) => x.p.name),
        u.map((x) => x.p.role),
        u.map((x) => x.p.college),
        u.map((x) => x.p.oidcSub),
        simStart.toISOString(),
      ],
    );
    await client.query(
      `INSERT INTO "ledger_accounts" ("id","code","kind","userId","createdAt")
       SELECT w, 'wallet:' || uid, 'STUDENT_WALLET', uid, $3::timestamptz FROM unnest($1::uuid[], $2::uuid[]) AS t(w, uid)`,
      [u.map((x) => walletIds.get(x.id)!), u.map((x) => x.id), simStart.toISOString()],
    );
    await client.query(
      `INSERT INTO "journal_entries" ("id","idempotencyKey","kind","memo","createdAt","createdById")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::"JournalKind"[], $4::text[], $5::timestamptz[], $6::uuid[])`,
      [cols.entries.id, cols.entries.key, cols.entries.kind, cols.entries.memo, cols.entries.at, cols.entries.by],
    );
    await client.query(
      `INSERT INTO "postings" ("entryId","accountId","amountFen","createdAt")
       SELECT e, a, amt, at FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::timestamptz[]) AS t(e, a, amt, at)
       ORDER BY at, amt DESC`,
      [cols.postings.entry, cols.postings.account, cols.postings.amount, cols.postings.at],
    );
    await client.query(
      `INSERT INTO "recharge_orders" ("id","orderNo","userId","createdById","channel","amountFen","state","gatewayTxnId","paidAmountFen","paidAfterClose","flagReason","note","journalEntryId","expiresAt","paidAt","creditedAt","closedAt","flaggedAt","createdAt","updatedAt")
       SELECT id, no, uid, by, ch::"RechargeChannel", amt, st::"OrderState", txn, paid, ac, flag, note, entry, exp, pa, ca, cl, fl, cr, cr
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[], $10::bool[], $11::text[], $12::text[], $13::uuid[],
                   $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[])
         AS t(id, no, uid, by, ch, amt, st, txn, paid, ac, flag, note, entry, exp, pa, ca, cl, fl, cr)`,
      [
        cols.orders.id,
        cols.orders.no,
        cols.orders.user,
        cols.orders.by,
        cols.orders.channel,
        cols.orders.amount,
        cols.orders.state,
        cols.orders.txn,
        cols.orders.paid,
        cols.orders.afterClose,
        cols.orders.flag,
        cols.orders.note,
        cols.orders.entry,
        cols.orders.expires,
        cols.orders.paidAt,
        cols.orders.creditedAt,
        cols.orders.closedAt,
        cols.orders.flaggedAt,
        cols.orders.created,
      ],
    );
    await client.query(
      `INSERT INTO "order_events" ("orderId","fromState","toState","note","at")
       SELECT o, f::"OrderState", t::"OrderState", n, a FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS x(o, f, t, n, a) ORDER BY a`,
      [cols.events.order, cols.events.from, cols.events.to, cols.events.note, cols.events.at],
    );
    await client.query(
      `INSERT INTO "sandbox_trades" ("id","outTradeNo","transactionId","amountFen","description","notifyUrl","state","createdAt","paidAt","notifiedAt")
       SELECT gen_random_uuid(), no, txn, amt, '校园网网费充值', 'http://localhost/api/payments/sandbox/notify', st::"SandboxTradeState", cr, pa, pa
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS t(no, txn, amt, st, cr, pa)`,
      [cols.trades.no, cols.trades.txn, cols.trades.amount, cols.trades.state, cols.trades.created, cols.trades.paid],
    );
    await client.query(
      `INSERT INTO "package_holdings" ("id","userId","packageId","journalEntryId","priceFen","quotaBytes","usedBytes","startsAt","expiresAt","state","createdAt")
       SELECT id, uid, pid, eid, price, quota, used, st, ex, state::"HoldingState", st
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::bigint[], $6::bigint[], $7::bigint[], $8::timestamptz[], $9::timestamptz[], $10::text[])
         AS t(id, uid, pid, eid, price, quota, used, st, ex, state)`,
      [
        cols.holdings.id,
        cols.holdings.user,
        cols.holdings.pkg,
        cols.holdings.entry,
        cols.holdings.price,
        cols.holdings.quota,
        cols.holdings.used,
        cols.holdings.start,
        cols.holdings.exp,
        cols.holdings.state,
      ],
    );
    await client.query(
      `INSERT INTO "monthly_quotas" ("userId","month","freeBytes","freeUsedBytes","alert80At","alert100At","createdAt")
       SELECT uid, m, $6::bigint, used, a80, a100, (m || '-01T00:00:00+08:00')::timestamptz FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::timestamptz[], $5::timestamptz[]) AS t(uid, m, used, a80, a100)`,
      [cols.mq.user, cols.mq.month, cols.mq.used, cols.mq.a80, cols.mq.a100, freeBytes.toString()],
    );
    // ── 误操作申诉 (dev/demo-appeals.ts): a pending appeal, a refused one, a fresh exchange that may be appealed.
    await seedAppealDemo(client, {
      now,
      userIds: new Map(users.map((x) => [x.p.studentNo, x.id])),
      staffId: users.find((x) => x.p.role === "FINANCE")?.id ?? null,
      walletIds,
      packages: pkgIds,
      revenueAccountId: sysId.get("revenue:packages")!,
    });
    // ── Device limit and sign-in problems (dev/demo-devices.ts): 陈晓 online on as many devices as allowed, a few refusals.
    await seedDeviceDemo(client, { now, userIds: new Map(users.map((x) => [x.p.studentNo, x.id])) });
    // ── 访客码 (dev/demo-guests.ts): 张三 has a live guest pass (guest-HAPPY2, PIN 246810) with a visitor online, and an ended one.
    await seedGuestDemo(client, { now, userIds: new Map(users.map((x) => [x.p.studentNo, x.id])) });
    // ── 停机保号 (dev/demo-pauses.ts): 吴磊 paused until a resume day, his package frozen with the days it had left.
    await seedPauseDemo(client, {
      now,
      userIds: new Map(users.map((x) => [x.p.studentNo, x.id])),
      walletIds,
      packages: pkgIds,
      revenueAccountId: sysId.get("revenue:packages")!,
    });
    // ── 下月生效 / 自动续订 (dev/demo-plans.ts): 张三 renews P10 monthly (and had a booking fail), 陈晓 has P20 next month.
    await seedPlanDemo(client, { now, userIds: new Map(users.map((x) => [x.p.studentNo, x.id])), packages: pkgIds });
    // ── 通知中心 (dev/demo-notifications.ts): 何静 has two unread notifications (plan booked, device signed out) and a read one.
    await seedNotificationDemo(client, { now, userIds: new Map(users.map((x) => [x.p.studentNo, x.id])) });
    const chunk = 50_000;
    for (let i = 0; i < cols.daily.user.length; i += chunk) {
      await client.query(
        `INSERT INTO "daily_usage" ("userId","day","uploadBytes","downloadBytes")
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::bigint[], $4::bigint[])`,
        [cols.daily.user.slice(i, i + chunk), cols.daily.day.slice(i, i + chunk), cols.daily.up.slice(i, i + chunk), cols.daily.down.slice(i, i + chunk)],
      );
    }
    await client.query("COMMIT");
    // Planner statistics for what was just bulk-loaded, as autovacuum would gather them a little later:
    // without them the first queries (and bench:admin) plan for empty tables.
    await client.query("ANALYZE");
    const result = {
      students: users.length,
      dailyRows: cols.daily.user.length,
      holdings: cols.holdings.id.length,
      orders: cols.orders.id.length,
      throttledNow,
      // eslint-disable-next-line no-restricted-syntax -- measures how long the seed took
      ms: Date.now() - started,
    };
    opts.log?.(
      `seeded demo campus: ${result.students} people, ${result.dailyRows} daily usage rows, ${result.holdings} packages, ${result.orders} recharge orders, ${result.throttledNow} throttled now, in ${result.ms} ms`,
    );
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
