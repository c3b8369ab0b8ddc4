import { History } from "@/components/icons/lucide/history";
import { Info } from "@/components/icons/lucide/info";
import { Store } from "@/components/icons/lucide/store";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { formatFen } from "@/lib/money";
import { getWalletBalance } from "@/modules/ledger/service";
import { availableChannels } from "@/modules/payments/gateways";
import { CampusCardNote } from "@/modules/recharge/components/campus-card-note";
import { RechargeForm } from "@/modules/recharge/components/recharge-form";
import { getRechargePolicy } from "@/modules/recharge/service";

export async function generateMetadata() {
  const t = await getTranslations("recharge");
  return { title: t("title") };
}

export default async function RechargePage() {
  const user = await requirePageUser({ callbackUrl: "/recharge" });
  const [t, locale, balanceFen, policy] = await Promise.all([getTranslations("recharge"), getLocale(), getWalletBalance(user.id), getRechargePolicy()]);
  const channels = availableChannels();

  return (
    <div className="space-y-5">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link
            href="/recharge/records"
            className="inline-flex h-10 items-center gap-1.5 rounded-xl px-3 text-sm font-medium text-brand-700 ring-1 ring-brand-700/20 hover:bg-brand-50"
            data-testid="recharge-records-link"
          >
            <History aria-hidden className="size-4" />
            {t("recordsLink")}
          </Link>
        }
      />

      <Card className="flex items-center justify-between gap-3 px-4 py-3.5 sm:px-5">
        <div>
          <p className="text-sm text-slate-500">{t("balance")}</p>
          <p className="text-2xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="balance">
            {formatFen(balanceFen, locale)}
          </p>
        </div>
        <p className="max-w-48 text-right text-xs text-slate-500">{t("earmarked")}</p>
      </Card>

      <RechargeForm
        minFen={policy.minFen.toString()}
        maxFen={policy.maxFen.toString()}
        orderTimeoutMinutes={policy.orderTimeoutMinutes}
        channels={channels}
        self={{ name: user.name, studentNo: user.studentNo }}
      />

      <CampusCardNote />

      <Card aria-labelledby="recharge-notes-title" className="px-4 py-4 sm:px-5">
        <h2 id="recharge-notes-title" className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <Info aria-hidden className="size-4 text-slate-400" />
          {t("notes.title")}
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-600">
          <li>{t("notes.flow")}</li>
          <li>{t("notes.delay")}</li>
          <li>{t("notes.timeout", { minutes: policy.orderTimeoutMinutes })}</li>
        </ol>
        <h3 className="mt-4 flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <Store aria-hidden className="size-4 text-slate-400" />
          {t("notes.counterTitle")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t("notes.counter")}</p>
      </Card>
    </div>
  );
}
