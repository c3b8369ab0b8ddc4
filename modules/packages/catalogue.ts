// The default catalogue (../shared/PRODUCT.md rule 4). Pure data: used by the seed, the factory and tests.
import { GiB } from "@/lib/units";

export const DEFAULT_PACKAGES = [
  { code: "P5", nameZh: "5元8G流量包", nameEn: "¥5 · 8 GB", priceFen: 500n, quotaBytes: 8n * GiB, sortOrder: 1 },
  { code: "P10", nameZh: "10元20G流量包", nameEn: "¥10 · 20 GB", priceFen: 1000n, quotaBytes: 20n * GiB, sortOrder: 2 },
  { code: "P20", nameZh: "20元60G流量包", nameEn: "¥20 · 60 GB", priceFen: 2000n, quotaBytes: 60n * GiB, sortOrder: 3 },
  { code: "P30", nameZh: "30元120G流量包", nameEn: "¥30 · 120 GB", priceFen: 3000n, quotaBytes: 120n * GiB, sortOrder: 4 },
] as const;
