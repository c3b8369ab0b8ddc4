"use client";

import { useEffect } from "react";
import { TriangleAlert } from "@/components/icons/lucide/triangle-alert";
import { fillText, useShellText } from "@/components/shell/shell-text";
import { StatusPage } from "@/components/shell/status-page";
import { Button, buttonVariants } from "@/components/ui/button";

const FALLBACK = {
  errorTitle: "出错了",
  errorDescription: "页面出现意外错误，请稍后重试。",
  errorId: "错误编号：{id}",
  retry: "重试",
  backHome: "返回首页",
};

// Shows a generic message and the server's error digest (an id to quote to the network
// office), never the message or stack of the error itself.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // Translated by the root layout (components/shell/shell-text.tsx); Chinese if it is missing.
  const text = useShellText() ?? FALLBACK;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusPage icon={<TriangleAlert />} title={text.errorTitle} description={text.errorDescription}>
      {error.digest ? (
        <p className="rounded-lg bg-slate-100 px-3 py-1.5 font-mono text-sm text-slate-600 select-all">{fillText(text.errorId, { id: error.digest })}</p>
      ) : null}
      <div className="flex flex-wrap justify-center gap-3">
        <Button onClick={reset}>{text.retry}</Button>
        {/* A full page load, not the router: after an unexpected error it starts the app afresh, and
            this boundary (on every page's first load) carries no copy of next/link (~3 KB gzip). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose (above) */}
        <a href="/" className={buttonVariants({ variant: "secondary" })}>
          {text.backHome}
        </a>
      </div>
    </StatusPage>
  );
}
