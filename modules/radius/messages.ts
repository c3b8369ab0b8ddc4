// Reply-Message texts a student sees at the portal (or in a NAS log): Chinese first, then
// English, as two Reply-Message attributes (each ≤ 253 octets).
import { shanghaiWall } from "@/lib/time";
import { radiusString } from "./codec";

export type RejectReason =
  | "BAD_CREDENTIALS"
  | "NO_NETWORK_PASSWORD"
  | "LOCKED"
  | "PAUSED"
  | "SUSPENDED"
  | "DEVICE_BLOCKED"
  | "UNSUPPORTED_AUTH"
  | "SEAMLESS_AMBIGUOUS"
  | "PASSWORD_EXPIRED"
  // 访客码 (modules/guest)
  | "GUEST_EXPIRED"
  | "GUEST_REVOKED"
  | "GUEST_USED_UP"
  | "GUEST_WRONG_PIN"
  | "GUEST_PIN_LOCKED"
  | "GUEST_ISSUER_PAUSED"
  | "GUEST_ISSUER_SUSPENDED";

const pad = (n: number) => String(n).padStart(2, "0");
/** HH:MM in Asia/Shanghai. */
function shanghaiTime(at: Date): string {
  const s = shanghaiWall(at);
  return `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

export function rejectMessages(reason: RejectReason, params: { lockedUntil?: Date } = {}): [string, string] {
  const until = params.lockedUntil ? shanghaiTime(params.lockedUntil) : "";
  const m: Record<RejectReason, [string, string]> = {
    BAD_CREDENTIALS: ["用户名或上网密码错误。", "Wrong user name or network password."],
    NO_NETWORK_PASSWORD: ["尚未设置上网密码，请先在校园网自助服务中设置。", "No network password yet: set one in the campus network self-service app."],
    LOCKED: [
      `上网密码错误次数过多，网络登录已锁定，请在 ${until} 后重试，或在自助服务中重设上网密码。`,
      `Too many wrong network passwords: network login is locked until ${until} (Beijing time). You can reset the password in the self-service app.`,
    ],
    PASSWORD_EXPIRED: [
      "网络中心设置的临时上网密码已过期，请在自助服务中设置新的上网密码，或联系网络中心。",
      "The temporary network password from the network office has expired: set a new one in the self-service app, or contact the network office.",
    ],
    PAUSED: [
      "账户已停机保号，暂不能上网。请在校园网自助服务中恢复后再登录。",
      "Your account is paused. Resume it in the campus network self-service app to go online.",
    ],
    SUSPENDED: ["账户已被停用，暂不能上网，请联系网络中心。", "Your account is suspended. Please contact the network office."],
    DEVICE_BLOCKED: [
      "该设备已挂失停用，不能上网。如已找回，请在自助服务的设备列表中解除。",
      "This device was reported lost and is blocked. If you found it, unblock it in the self-service app.",
    ],
    UNSUPPORTED_AUTH: ["不支持的认证方式，请使用门户页面登录。", "This sign-in method is not supported: please use the portal page."],
    SEAMLESS_AMBIGUOUS: [
      "该设备曾在多个账号下登录，不能无感知认证，请在门户页面用学号和上网密码登录。",
      "This device was used with more than one account, so it cannot sign in seamlessly: sign in at the portal with your student number and network password.",
    ],
    GUEST_EXPIRED: ["访客码已过期，请联系为你开通的同学重新开通。", "This guest pass has expired: ask the student who gave it to you for a new one."],
    GUEST_REVOKED: ["访客码已被开通人撤销。", "This guest pass was revoked by the student who issued it."],
    GUEST_USED_UP: ["访客码的流量已用完。", "This guest pass's data is used up."],
    GUEST_WRONG_PIN: ["访客码或密码（PIN）错误。", "Wrong guest code or PIN."],
    GUEST_PIN_LOCKED: ["访客码密码错误次数过多，请 15 分钟后再试。", "Too many wrong PINs for this guest pass: try again in 15 minutes."],
    GUEST_ISSUER_PAUSED: [
      "开通该访客码的账户已停机保号，访客码暂不能使用。",
      "The account that issued this guest pass is paused: the pass cannot be used now.",
    ],
    GUEST_ISSUER_SUSPENDED: ["开通该访客码的账户已被停用，访客码不能使用。", "The account that issued this guest pass is suspended: the pass cannot be used."],
  };
  const [zh, en] = m[reason];
  return [radiusString(zh), radiusString(en)];
}

export function throttledNotice(downText: string): [string, string] {
  return [
    radiusString(`本月高速流量已用完，当前为限速模式（下行 ${downText}），不限流量。换购流量包可立即恢复高速。`),
    radiusString(
      `Your high-speed data for this month is used up: you are online at a limited speed (${downText} down), without a cap. A data package restores high speed at once.`,
    ),
  ];
}

/** On a login that went past the device limit: which device is being signed out to make room. */
export function deviceLimitNotice(device: string, limit: number): [string, string] {
  return [
    radiusString(`同时在线设备已达上限（${limit} 台），最早登录的设备“${device}”将被下线。`),
    radiusString(`You reached the limit of ${limit} devices online at once: your earliest device, "${device}", is being signed out.`),
  ];
}
