import "server-only";
// Which gateways this installation offers. The sandbox is on in development, demos and tests
// (production: see sandboxAllowed); WeChat Pay and Alipay appear only when fully configured.
import type { KeyObject } from "node:crypto";
import { Rsa } from "wechatpay-axios-plugin";
import { currentMode, env, SANDBOX_PRODUCTION_ACK } from "@/lib/env";
import { AlipayGateway } from "./alipay";
import { sandboxKeys, sandboxMerchant } from "./sandbox/keys";
import { handleSandboxApi } from "./sandbox/service";
import { ONLINE_CHANNELS, type OnlineChannel, type PaymentGateway } from "./types";
import { inProcessAdapter, WechatPayGateway } from "./wechat";

const g = globalThis as unknown as {
  campusnetGateways?: Map<OnlineChannel, PaymentGateway | null>;
  campusnetGatewayOverrides?: Map<OnlineChannel, PaymentGateway | null>;
};
const cache = (g.campusnetGateways ??= new Map());
const overrides = (g.campusnetGatewayOverrides ??= new Map());

/**
 * The sandbox credits money nobody paid: under production only with SANDBOX_GATEWAY_IN_PRODUCTION
 * acknowledged (lib/env refuses to start otherwise), and never beside a real gateway, whatever
 * the mode, so a student can never pick free credit next to WeChat Pay or Alipay.
 */
export function sandboxAllowed(): boolean {
  if (env.SANDBOX_GATEWAY !== "on") return false;
  if (currentMode() === "production" && env.SANDBOX_GATEWAY_IN_PRODUCTION !== SANDBOX_PRODUCTION_ACK) return false;
  return !realGatewayConfigured();
}

/** Whether WeChat Pay or Alipay settings are given (fully or not: a half-set real gateway still rules the sandbox out). */
export function realGatewayConfigured(): boolean {
  return Boolean(env.WECHATPAY_MCHID || env.WECHATPAY_PRIVATE_KEY || env.WECHATPAY_APIV3_KEY || env.ALIPAY_APP_ID || env.ALIPAY_PRIVATE_KEY);
}

function sandboxGateway(): PaymentGateway | null {
  if (!sandboxAllowed()) return null;
  const k = sandboxKeys();
  const m = sandboxMerchant();
  return new WechatPayGateway({
    channel: "SANDBOX",
    mchid: m.mchid,
    appid: m.appid,
    serial: k.merchantSerial,
    privateKey: k.merchantPrivateKey,
    platformKeys: { [k.gatewayKeyId]: k.gatewayPublicKey },
    apiV3Key: m.apiV3Key,
    baseURL: "https://sandbox.campusnet.invalid/",
    adapter: inProcessAdapter(handleSandboxApi),
  });
}

function wechatGateway(): PaymentGateway | null {
  const { WECHATPAY_MCHID: mchid, WECHATPAY_APPID: appid, WECHATPAY_SERIAL: serial, WECHATPAY_PRIVATE_KEY: privateKey, WECHATPAY_APIV3_KEY: apiV3Key } = env;
  if (!mchid || !appid || !serial || !privateKey || !apiV3Key) return null;
  const platformKeys: Record<string, KeyObject> = {};
  if (env.WECHATPAY_PUBLIC_KEY_ID && env.WECHATPAY_PUBLIC_KEY)
    platformKeys[env.WECHATPAY_PUBLIC_KEY_ID] = Rsa.from(env.WECHATPAY_PUBLIC_KEY, Rsa.KEY_TYPE_PUBLIC) as KeyObject;
  if (env.WECHATPAY_PLATFORM_CERT_SERIAL && env.WECHATPAY_PLATFORM_CERT)
    platformKeys[env.WECHATPAY_PLATFORM_CERT_SERIAL] = Rsa.from(env.WECHATPAY_PLATFORM_CERT, Rsa.KEY_TYPE_PUBLIC) as KeyObject;
  if (Object.keys(platformKeys).length === 0) return null;
  return new WechatPayGateway({
    channel: "WECHAT",
    mchid,
    appid,
    serial,
    privateKey: Rsa.from(privateKey, Rsa.KEY_TYPE_PRIVATE) as KeyObject,
    platformKeys,
    apiV3Key,
  });
}

function alipayGateway(): PaymentGateway | null {
  if (!env.ALIPAY_APP_ID || !env.ALIPAY_PRIVATE_KEY || !env.ALIPAY_PUBLIC_KEY) return null;
  return new AlipayGateway({
    appId: env.ALIPAY_APP_ID,
    privateKey: env.ALIPAY_PRIVATE_KEY,
    keyType: env.ALIPAY_KEY_TYPE,
    alipayPublicKey: env.ALIPAY_PUBLIC_KEY,
    sellerId: env.ALIPAY_SELLER_ID,
    endpoint: env.ALIPAY_ENDPOINT,
    gateway: env.ALIPAY_GATEWAY,
  });
}

const builders: Record<OnlineChannel, () => PaymentGateway | null> = { SANDBOX: sandboxGateway, WECHAT: wechatGateway, ALIPAY: alipayGateway };

/** The gateway for a channel, or null when this installation does not offer it. */
export function getGateway(channel: OnlineChannel): PaymentGateway | null {
  if (overrides.has(channel)) return overrides.get(channel) ?? null;
  if (!cache.has(channel)) {
    try {
      cache.set(channel, builders[channel]());
    } catch (e) {
      console.error(`[campusnet] payment channel ${channel} is misconfigured and hidden:`, e);
      cache.set(channel, null);
    }
  }
  return cache.get(channel) ?? null;
}

/** The channels a student may pick, in display order. */
export function availableChannels(): OnlineChannel[] {
  return [...ONLINE_CHANNELS].filter((c) => getGateway(c) !== null).sort((a, b) => order(a) - order(b));
}

function order(c: OnlineChannel) {
  return c === "WECHAT" ? 0 : c === "ALIPAY" ? 1 : 2;
}

/** Tests and the chaos run plug in a gateway built with their own keys (null hides a channel). */
export function setGatewayOverride(channel: OnlineChannel, gateway: PaymentGateway | null | undefined): void {
  if (gateway === undefined) overrides.delete(channel);
  else overrides.set(channel, gateway);
}

export function paymentBaseUrl(): string {
  return (env.PAYMENT_NOTIFY_BASE_URL ?? env.NEXTAUTH_URL).replace(/\/$/, "");
}

export function notifyUrlFor(channel: OnlineChannel): string {
  return `${paymentBaseUrl()}/api/payments/${channel.toLowerCase()}/notify`;
}
