import { it, expect } from "vitest";
import { getGateway } from "./gateways";
import { payTrade, buildTransactionNotification } from "./sandbox/service";

it("sandbox smoke", async () => {
  const gw = getGateway("SANDBOX")!;
  const orderNo = "RTEST" + Date.now();
  const r = await gw.createPayment({ orderNo, amountFen: 1234n, description: "x", notifyUrl: "http://localhost:3000/api/payments/sandbox/notify", returnUrl: "http://localhost:3000/r", expiresAt: new Date(Date.now() + 900000) });
  console.log(r);
  console.log(await gw.queryOrder(orderNo));
  await payTrade(orderNo, { notify: false });
  const q = await gw.queryOrder(orderNo);
  console.log(q);
  const n = (await buildTransactionNotification(orderNo))!;
  const notice = await gw.parseAndVerifyNotification(n.body, new Headers(n.headers));
  console.log(notice);
  console.log(await gw.refund({ orderNo, gatewayTxnId: q.gatewayTxnId!, refundNo: "RF" + Date.now(), amountFen: 100n, totalFen: 1234n, reason: "t" }));
  const day = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  console.log(await gw.downloadStatement(day));
  console.log(await gw.queryOrder("NOPE123456"));
  expect(notice.kind).toBe("PAID");
});
