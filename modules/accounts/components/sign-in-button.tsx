"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInButton({ callbackUrl, label, pendingLabel }: { callbackUrl: string; label: string; pendingLabel: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("campus", { callbackUrl });
      }}
      className="w-full rounded-xl bg-sky-700 px-4 py-3 text-base font-semibold text-white shadow-sm transition hover:bg-sky-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 disabled:opacity-70"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
