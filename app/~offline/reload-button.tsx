"use client";

import { RotateCw } from "@/components/icons/lucide/rotate-cw";
import { Button } from "@/components/ui/button";

export function ReloadButton({ label }: { label: string }) {
  return (
    <Button onClick={() => window.location.reload()}>
      <RotateCw aria-hidden />
      {label}
    </Button>
  );
}
