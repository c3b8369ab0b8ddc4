import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth";

/** 设置: a first redirect only; the settings page checks "settings.manage" itself. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireStaff("settings.manage", "/admin/settings");
  return children;
}
