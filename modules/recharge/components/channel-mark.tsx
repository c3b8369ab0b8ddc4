import { FlaskConical, MessageCircle, Store, Wallet } from "lucide-react";
import { cn } from "@/components/ui/cn";

const marks = {
  WECHAT: { icon: MessageCircle, className: "bg-emerald-500 text-white" },
  ALIPAY: { icon: Wallet, className: "bg-sky-500 text-white" },
  SANDBOX: { icon: FlaskConical, className: "bg-amber-100 text-amber-700" },
  COUNTER: { icon: Store, className: "bg-slate-100 text-slate-600" },
} as const;

/** A small coloured square per channel (decorative: the name is always written beside it). */
export function ChannelMark({ channel, className }: { channel: keyof typeof marks; className?: string }) {
  const { icon: Icon, className: tone } = marks[channel];
  return (
    <span aria-hidden className={cn("flex size-9 shrink-0 items-center justify-center rounded-lg", tone, className)}>
      <Icon className="size-5" />
    </span>
  );
}
