import { Wifi } from "@/components/icons/lucide/wifi";
import { cn } from "@/components/ui/cn";

export function LogoMark({ tone = "brand", className }: { tone?: "brand" | "onBrand"; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-9 shrink-0 items-center justify-center rounded-xl",
        tone === "brand" ? "bg-brand-700 text-white" : "bg-white/15 text-white ring-1 ring-white/25",
        className,
      )}
    >
      <Wifi className="size-5" strokeWidth={2.25} />
    </span>
  );
}
