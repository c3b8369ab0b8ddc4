import { FlaskConical } from "@/components/icons/lucide/flask-conical";
import { MessageCircle } from "@/components/icons/lucide/message-circle";
import { Store } from "@/components/icons/lucide/store";
import { Wallet } from "@/components/icons/lucide/wallet";
import { cn } from "@/components/ui/cn";

const marks = {
  WECHAT: { icon: MessageCircle, className: "bg-emerald-500 text-white" },
  ALIPAY: { icon: Wallet, className: "bg-sky-500 text-white" },
  SANDBOX: { icon: FlaskConical, className: "bg-amber-100 text-amber-700" },
  COUNTER: { icon: Store, className: "bg-slate-100 text-slate-600" },
} as const;

/** A small coloured square per channel (decorative: the name is always written beside it). */
/** `small` for inline use beside text (the order's receipt row). */
export function ChannelMark({ channel, small = false }: { channel: keyof typeof marks; small?: boolean }) {
  const { icon: Icon, className: tone } = marks[channel];
  return (
    <span aria-hidden className={cn("flex shrink-0 items-center justify-center", small ? "size-6 rounded-md [&_svg]:size-3.5" : "size-9 rounded-lg", tone)}>
      <Icon className="size-5" />
    </span>
  );
}
