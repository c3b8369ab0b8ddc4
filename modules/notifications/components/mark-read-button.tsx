"use client";

import { Check } from "@/components/icons/lucide/check";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useSafeAction } from "@/lib/use-safe-action";
import { markNotificationsReadAction } from "@/modules/notifications/actions";

/** "标为已读" for one notification (`id`) or "全部标为已读" (no id); the header's count follows. */
export function MarkReadButton({ id, label }: { id?: string; label: string }) {
  const t = useTranslations("notifications.centre");
  const tv = useTranslations("network.validation");
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const markRead = useSafeAction(markNotificationsReadAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: () => startRefresh(() => router.refresh()),
  });
  const pending = markRead.pending || refreshing;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant={id ? "secondary" : "ghost"}
        pending={pending}
        pendingLabel={t("pending")}
        onClick={() => {
          if (!pending) markRead.execute(id ? { ids: [id] } : {});
        }}
      >
        {id ? null : <Check aria-hidden />}
        {label}
      </Button>
      {markRead.errorMessage ? (
        <span role="alert" className="text-sm text-red-700">
          {markRead.errorMessage}
        </span>
      ) : null}
    </span>
  );
}
