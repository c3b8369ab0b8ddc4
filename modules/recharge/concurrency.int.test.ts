// Concurrent exchanges, recharges (notifications, duplicates, self-healing queries), counter
// recharges and refunds on ONE wallet: every fen is accounted for.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCatalogue, packageByCode } from "@/dev/factory";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { exchangePackage } from "@/modules/packages/service";
import { refundOrder } from "@/modules/finance/refund.service";
import { counterRecharge } from "./counter.service";
import { refreshOrderFromGateway } from "@/modules/healing/service";
import { balanceOf, notifySandbox, payAtSandbox, sandboxOrder, student } from "./test-helpers";

let P5: { id: string; priceFen: bigint };
beforeAll(async () => {
  await ensureCatalogue(db());
  P5 = await packageByCode(db(), "P5");
});
afterAll(async () => {
  await db().$disconnect();
});

describe("one wallet under concurrent money actions", () => {
  it("never loses or creates a fen", async () => {
    const u = await student({ name: "并发", balanceFen: 1000n });
    const op = await student({ role: "OPERATOR" });
    const fin = await student({ role: "FINANCE" });
    let expectedIn = 1000n;
    const credited: string[] = [];
    for (let round = 0; round < 6; round++) {
      const orders = await Promise.all([sandboxOrder(u.id, "10"), sandboxOrder(u.id, "5.5"), sandboxOrder(u.id, "20")]);
      const txns = await Promise.all(orders.map((o) => payAtSandbox(o.orderNo)));
      const exchangeKey = randomUUID();
      const ops: Promise<unknown>[] = [
        ...orders.map((o, i) => notifySandbox(o.orderNo, o.amountFen, txns[i]!)),
        notifySandbox(orders[0]!.orderNo, orders[0]!.amountFen, txns[0]!),
        refreshOrderFromGateway(orders[1]!.orderNo),
        exchangePackage({ userId: u.id, packageId: P5.id, requestKey: exchangeKey }),
        exchangePackage({ userId: u.id, packageId: P5.id, requestKey: exchangeKey }),
        exchangePackage({ userId: u.id, packageId: P5.id, requestKey: randomUUID() }),
        counterRecharge({ operatorId: op.id, studentNo: u.studentNo, amountFen: 1000n, note: `${u.studentNo}并发`, requestKey: randomUUID() }),
        ...credited.slice(-2).map((no) => refundOrder({ actorId: fin.id, orderNo: no, amountFen: 300n, reason: "并发退款", requestKey: randomUUID() })),
      ];
      const settled = await Promise.allSettled(ops);
      const unexpected = settled.filter(
        (s) =>
          s.status === "rejected" &&
          !["PACKAGE_STILL_ACTIVE", "INSUFFICIENT_BALANCE", "REFUND_EXCEEDS_REFUNDABLE"].includes((s.reason as { code?: string })?.code ?? ""),
      );
      expect(unexpected.map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
      expectedIn += orders.reduce((s, o) => s + o.amountFen, 0n) + 1000n;
      credited.push(...orders.map((o) => o.orderNo));
      // The package is used up before the next round, so a new exchange is allowed again.
      await db().$executeRaw`UPDATE "package_holdings" SET "usedBytes" = "quotaBytes" WHERE "userId" = ${u.id}::uuid AND "state" = 'ACTIVE'`;
    }
    const exchangedFen = (await db().packageHolding.aggregate({ where: { userId: u.id }, _sum: { priceFen: true } }))._sum.priceFen ?? 0n;
    const refundedFen =
      (await db().refund.aggregate({ where: { order: { userId: u.id }, state: "SUCCEEDED" }, _sum: { amountFen: true } }))._sum.amountFen ?? 0n;
    const balance = await balanceOf(u.id);
    expect(balance).toBe(expectedIn - exchangedFen - refundedFen);
    expect(balance).toBeGreaterThanOrEqual(0n);
    expect(await db().packageHolding.count({ where: { userId: u.id } })).toBeGreaterThanOrEqual(6);
    const posted = await db().posting.aggregate({ where: { account: { userId: u.id } }, _sum: { amountFen: true } });
    expect(posted._sum.amountFen).toBe(balance);
    const orders = await db().rechargeOrder.findMany({ where: { userId: u.id, channel: "SANDBOX" }, select: { state: true, gatewayTxnId: true } });
    expect(orders.every((o) => o.state === "CREDITED")).toBe(true);
    for (const o of orders) expect(await db().journalEntry.count({ where: { idempotencyKey: `recharge:SANDBOX:${o.gatewayTxnId}` } })).toBe(1);
    expect((await verifyLedger()).ok).toBe(true);
  });
});
