import "server-only";
// Bits the recharge and finance actions share.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { revalidateStudentPages } from "@/lib/revalidate";

/** Refresh cached server components after a money change (no-op outside a request). */
export function refreshPages(): void {
  try {
    revalidateStudentPages();
    revalidatePath("/admin", "layout");
  } catch {
    // called outside a Next request (tests, scripts): nothing is cached
  }
}

export async function clientIp(): Promise<string | undefined> {
  try {
    const h = await headers();
    return (h.get("x-forwarded-for") ?? "").split(",")[0]?.trim() || h.get("x-real-ip") || undefined;
  } catch {
    return undefined;
  }
}
