// The sandbox gateway's checkout page (it plays an outside company's cashier): merchant,
// order, amount, and 支付 / 取消. Plain forms, so it works on any phone without JavaScript.
import { getLocale, getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { formatFen } from "@/lib/money";
import { sameOriginPath } from "@/lib/safe-url";
import { sandboxAllowed } from "@/modules/payments/gateways";
import { getCheckout } from "@/modules/payments/sandbox/service";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("sandbox");
  return { title: t("title"), robots: { index: false } };
}

export default async function SandboxPayPage({
  params,
  searchParams,
}: {
  params: Promise<{ outTradeNo: string }>;
  searchParams: Promise<{ redirect_url?: string | string[] }>;
}) {
  const [{ outTradeNo }, sp, t, locale] = await Promise.all([params, searchParams, getTranslations("sandbox"), getLocale()]);
  const trade = sandboxAllowed() ? await getCheckout(outTradeNo) : null;
  // Only back to the merchant (our own site); anything else is dropped here and again by the POST.
  const redirectUrl = sameOriginPath(sp.redirect_url, env.PAYMENT_NOTIFY_BASE_URL ?? env.NEXTAUTH_URL, { allowAbsolute: true }) ?? "";
  const action = `/api/payments/sandbox/checkout/${encodeURIComponent(outTradeNo)}`;

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col gap-4 bg-slate-50 px-4 py-8">
      <header className="text-center">
        <h1 className="text-lg font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 inline-block rounded-full bg-amber-100 px-3 py-0.5 text-xs text-amber-800">{t("badge")}</p>
      </header>
      {!trade ? (
        <p className="rounded-2xl bg-white p-6 text-center text-slate-600 shadow-sm" role="alert">
          {t("notFound")}
        </p>
      ) : (
        <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-900/5" aria-labelledby="amount">
          <p className="text-center text-sm text-slate-500">{t("amount")}</p>
          <p id="amount" className="mt-1 text-center text-4xl font-semibold text-slate-900 tabular-nums" data-testid="sandbox-amount">
            {formatFen(trade.amountFen, locale)}
          </p>
          <dl className="mt-6 space-y-2 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">{t("merchant")}</dt>
              <dd className="text-right text-slate-900">{trade.merchantName}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">{t("description")}</dt>
              <dd className="text-right text-slate-900">{trade.description}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">{t("orderNo")}</dt>
              <dd className="text-right font-mono break-all text-slate-900">{trade.outTradeNo}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">{t("status")}</dt>
              <dd className="text-right font-medium text-slate-900" data-testid="sandbox-state">
                {t(`state.${trade.state}`)}
              </dd>
            </div>
          </dl>
          {trade.state === "NOTPAY" ? (
            <div className="mt-6 flex flex-col gap-3">
              <form method="post" action={action}>
                <input type="hidden" name="action" value="pay" />
                <input type="hidden" name="redirect_url" value={redirectUrl} />
                <button type="submit" className="h-12 w-full rounded-xl bg-emerald-600 text-base font-medium text-white hover:bg-emerald-700">
                  {t("pay")}
                </button>
              </form>
              <form method="post" action={action}>
                <input type="hidden" name="action" value="cancel" />
                <input type="hidden" name="redirect_url" value={redirectUrl} />
                <button type="submit" className="h-12 w-full rounded-xl bg-white text-base text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
                  {t("cancel")}
                </button>
              </form>
            </div>
          ) : (
            <p className="mt-6 rounded-xl bg-slate-50 p-3 text-sm text-slate-600">{trade.state === "CLOSED" ? t("closedNote") : t("paidNote")}</p>
          )}
          {redirectUrl && trade.state !== "NOTPAY" ? (
            <a href={redirectUrl} className="mt-4 block text-center text-sm text-brand-700 underline">
              {t("back")}
            </a>
          ) : null}
        </section>
      )}
    </main>
  );
}
