"use client";

import { useEffect } from "react";
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
    <StatusPage icon={<TriangleAlertIcon />} title={text.errorTitle} description={text.errorDescription}>
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

/** lucide's triangle-alert, drawn here: the error page is on every page's first load, and lucide's
 * client runtime (~4 KB gzip) is not (docs/decisions/024-web-speed.md). */
function TriangleAlertIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3" />
      <path d="M12 9v4" />
      <path d="M12 17h.01" />
    </svg>
  );
}
