// Test-only: a staff member decides a student's latest pending appeal through the real service
// (modules/appeals decideAppeal), as the admin console will (issue 12). Run by e2e/appeal.spec.ts in
// a process of its own, since services need the react-server condition:
//   node --conditions=react-server --import tsx e2e/decide-appeal.ts <学号> <staff 工号> approve|refuse <reason>
// DATABASE_URL is the e2e stack's database; prints the decision as JSON.
import { db } from "@/lib/db";
import { decideAppeal } from "@/modules/appeals/service";

const [studentNo, staffNo, verdict, reason] = process.argv.slice(2);
if (!studentNo || !staffNo || (verdict !== "approve" && verdict !== "refuse") || !reason) {
  console.error("usage: decide-appeal.ts <studentNo> <staffNo> approve|refuse <reason>");
  process.exit(2);
}
try {
  const [student, staff] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { studentNo }, select: { id: true } }),
    db().user.findUniqueOrThrow({ where: { studentNo: staffNo }, select: { id: true } }),
  ]);
  const appeal = await db().exchangeAppeal.findFirstOrThrow({
    where: { userId: student.id, state: "PENDING" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const d = await decideAppeal({ appealId: appeal.id, staffId: staff.id, approve: verdict === "approve", reason });
  console.log(JSON.stringify({ state: d.state, refundedFen: d.refundedFen.toString(), refundEntryId: d.refundEntryId }));
} finally {
  await db().$disconnect();
}
