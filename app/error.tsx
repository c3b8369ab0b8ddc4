"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { StatusPage } from "@/components/shell/status-page";
import { Button, buttonVariants } from "@/components/ui/button";

// Shows a generic message and the server's error digest (an id to quote to the network
// office), never the message or stack of the error itself.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusPage icon={<TriangleAlert />} title={t("errors.unexpectedTitle")} description={t("errors.unexpectedDescription")}>
      {error.digest ? (
        <p className="rounded-lg bg-slate-100 px-3 py-1.5 font-mono text-sm text-slate-600 select-all">{t("errors.errorId", { id: error.digest })}</p>
      ) : null}
      <div className="flex flex-wrap justify-center gap-3">
        <Button onClick={reset}>{t("actions.retry")}</Button>
        <Link href="/" className={buttonVariants({ variant: "secondary" })}>
          {t("actions.backHome")}
        </Link>
      </div>
    </StatusPage>
  );
}
