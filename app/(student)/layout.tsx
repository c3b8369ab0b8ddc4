import type { ReactNode } from "react";
import { StudentShell } from "@/components/shell/student-shell";
import { requirePageUser } from "@/lib/auth";
import { NotificationBell } from "@/modules/notifications/components/notification-bell";
import { countUnreadNotifications } from "@/modules/notifications/service";

export const dynamic = "force-dynamic";

export default async function StudentLayout({ children }: { children: ReactNode }) {
  // A first redirect for the shell; every student page checks (and reads only its own user's data) itself.
  const user = await requirePageUser();
  const unread = await countUnreadNotifications(user.id);
  return (
    <StudentShell userName={user.name} studentNo={user.studentNo} bell={<NotificationBell count={unread} />}>
      {children}
    </StudentShell>
  );
}
