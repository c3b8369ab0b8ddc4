// The boundaries in eslint.config.mjs fail a deliberate violation: each snippet is linted as if
// it were the named file, with the project's own config.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => /no-restricted-imports$/.test(m.ruleId ?? "")).map((m) => m.message);
}

const usesDb = 'import { db } from "@/lib/db";\nexport const n = () => db();\n';
const usesApp = 'import { POST } from "@/app/api/payments/heal/route";\nexport const p = POST;\n';
const usesModule = 'import { getBalance } from "@/modules/ledger/service";\nexport const g = getBalance;\n';

describe("lint boundaries", () => {
  it("lets only services (and dev, tests) import @/lib/db", async () => {
    expect(await boundaryErrors("modules/ledger/components/x.ts", usesDb)).toEqual([expect.stringContaining("Only services")]);
    expect(await boundaryErrors("modules/ledger/actions.ts", usesDb)).toHaveLength(1);
    expect(await boundaryErrors("app/admin/x/page.tsx", usesDb)).toHaveLength(1);
    expect(await boundaryErrors("lib/format.ts", usesDb)).toHaveLength(1);
    expect(await boundaryErrors("modules/ledger/service.ts", usesDb)).toEqual([]);
    expect(await boundaryErrors("modules/finance/refund.service.ts", usesDb)).toEqual([]);
    // one naming scheme for services: <name>.service.ts (a "-service" file is not a service)
    expect(await boundaryErrors("modules/finance/refund-service.ts", usesDb)).toHaveLength(1);
    expect(await boundaryErrors("modules/radius/coa.service.ts", usesDb)).toEqual([]);
    expect(await boundaryErrors("dev/factory.ts", usesDb)).toEqual([]);
    expect(await boundaryErrors("modules/ledger/ledger.int.test.ts", usesDb)).toEqual([]);
  }, 60_000);

  it("keeps modules/ and lib/ from importing app/", async () => {
    expect(await boundaryErrors("modules/radius/x.ts", usesApp)).toEqual([expect.stringContaining("modules/ never imports app/")]);
    expect(await boundaryErrors("lib/x.ts", usesApp)).toEqual([expect.stringContaining("lib/ never imports app/")]);
    expect(await boundaryErrors("lib/auth.ts", usesApp)).toHaveLength(1);
    expect(await boundaryErrors("dev/x.ts", usesApp)).toEqual([]);
  }, 60_000);

  it("keeps lib/ from importing a module, lib/auth.ts excepted", async () => {
    expect(await boundaryErrors("lib/x.ts", usesModule)).toEqual([expect.stringContaining("lib/ imports no module")]);
    expect(await boundaryErrors("lib/auth.ts", usesModule)).toEqual([]);
    expect(await boundaryErrors("modules/finance/x.ts", usesModule)).toEqual([]);
  }, 60_000);
});
