"use client";

import { useEffect } from "react";
import "./globals.css";

// Replaces the root layout when it fails itself, so no i18n provider is available here:
// the text is inline in both languages. Shows only the error digest, never a stack.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="zh-CN">
      <body>
        <main className="flex min-h-dvh items-center justify-center px-6 py-12">
          <div className="w-full max-w-md text-center">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
              出错了 <span className="text-slate-400">/</span> <span lang="en">Something went wrong</span>
            </h1>
            <p className="mt-3 text-[0.9375rem] leading-relaxed text-slate-600">操作失败，请稍后重试。如果问题持续出现，请联系网络中心并提供错误编号。</p>
            <p lang="en" className="mt-2 text-sm leading-relaxed text-slate-500">
              Please try again later. If it keeps happening, contact the network office and quote the error ID.
            </p>
            {error.digest ? (
              <p className="mt-5 inline-block rounded-lg bg-slate-100 px-3 py-1.5 font-mono text-sm text-slate-600 select-all">
                错误编号 / Error ID: {error.digest}
              </p>
            ) : null}
            <div className="mt-6 flex justify-center gap-3">
              <button
                type="button"
                onClick={reset}
                className="inline-flex h-11 items-center rounded-xl bg-brand-700 px-4 font-medium text-white hover:bg-brand-800"
              >
                重试 / Retry
              </button>
              {/* A full reload: the app's router may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full page load is the point here */}
              <a
                href="/"
                className="inline-flex h-11 items-center rounded-xl bg-white px-4 font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
              >
                返回首页 / Home
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
