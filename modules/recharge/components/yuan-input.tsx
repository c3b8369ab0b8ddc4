import { cn } from "@/components/ui/cn";
import { Input, type InputProps } from "@/components/ui/input";

/** A yuan amount field with a ¥ in front; `className` styles the wrapper, the rest goes to the input. */
export function YuanInput({ className, ...props }: InputProps) {
  return (
    <div className={cn("relative", className)}>
      <span aria-hidden className="pointer-events-none absolute inset-y-0 left-3.5 flex items-center text-slate-500">
        ¥
      </span>
      <Input inputMode="decimal" autoComplete="off" {...props} className="pl-8 tabular-nums" />
    </div>
  );
}
