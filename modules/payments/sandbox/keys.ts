// Keys of the embedded sandbox gateway and of us as its merchant. The sandbox plays an
// outside company: it signs with its own RSA key and we verify with its public key, exactly
// as with WeChat Pay's 微信支付公钥. From env when given (several processes, e.g. the app and
// the chaos driver, must agree), else generated once per process.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { env } from "@/lib/env";

export interface SandboxKeys {
  gatewayPrivateKey: KeyObject;
  gatewayPublicKey: KeyObject;
  /** Wechatpay-Serial of the sandbox's public key (like a 微信支付公钥ID) */
  gatewayKeyId: string;
  merchantPrivateKey: KeyObject;
  merchantPublicKey: KeyObject;
  /** the serial of our "merchant API certificate" */
  merchantSerial: string;
}

function fingerprint(pub: KeyObject): string {
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex")
    .toUpperCase();
}

function loadOrGenerate(pem: string | undefined): { priv: KeyObject; pub: KeyObject } {
  if (pem) {
    const priv = createPrivateKey(pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem);
    return { priv, pub: createPublicKey(priv) };
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { priv: privateKey, pub: publicKey };
}

const g = globalThis as unknown as { campusnetSandboxKeys?: SandboxKeys };

export function sandboxKeys(): SandboxKeys {
  if (!g.campusnetSandboxKeys) {
    const gateway = loadOrGenerate(env.SANDBOX_PRIVATE_KEY);
    const merchant = loadOrGenerate(env.SANDBOX_MERCHANT_PRIVATE_KEY);
    g.campusnetSandboxKeys = {
      gatewayPrivateKey: gateway.priv,
      gatewayPublicKey: gateway.pub,
      gatewayKeyId: `PUB_KEY_ID_SANDBOX_${fingerprint(gateway.pub).slice(0, 24)}`,
      merchantPrivateKey: merchant.priv,
      merchantPublicKey: merchant.pub,
      merchantSerial: fingerprint(merchant.pub).slice(0, 40),
    };
  }
  return g.campusnetSandboxKeys;
}

export function sandboxMerchant() {
  return { mchid: env.SANDBOX_MCHID, appid: env.SANDBOX_APPID, apiV3Key: env.SANDBOX_APIV3_KEY };
}

/** A PEM private key for a child process's environment (SANDBOX_PRIVATE_KEY …). */
export function generatePemPrivateKey(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}
