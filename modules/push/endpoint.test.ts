// Which endpoints a subscription may name (decision 023): the browsers' push services over
// https, hosts the campus lists, and plain http only to a listed loopback host.
import { describe, expect, it } from "vitest";
import { endpointAllowed } from "./endpoint";

describe("endpointAllowed", () => {
  it("takes the browsers' push services over https, subdomains included", () => {
    for (const url of [
      "https://fcm.googleapis.com/fcm/send/abc:def",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://web.push.apple.com/QGx2",
      "https://db5p.notify.windows.com/w/?token=x",
      "https://android.googleapis.com/gcm/send/x",
    ])
      expect(endpointAllowed(url), url).toBe(true);
  });

  it("refuses other hosts, look-alikes, http, credentials and garbage", () => {
    for (const url of [
      "https://evil.example/fcm.googleapis.com",
      "https://fcm.googleapis.com.evil.example/x",
      "https://notfcm.googleapis.com.example/x",
      "https://xfcm.googleapis.com/x", // not a subdomain
      "http://fcm.googleapis.com/fcm/send/x",
      "https://user:pw@fcm.googleapis.com/x",
      "ftp://fcm.googleapis.com/x",
      "javascript:alert(1)",
      "not a url",
      "",
      "https://169.254.169.254/latest/meta-data",
      "https://127.0.0.1/x",
    ])
      expect(endpointAllowed(url), url).toBe(false);
  });

  it("takes a host the campus lists (PUSH_SERVICE_HOSTS), case and spaces ignored", () => {
    expect(endpointAllowed("https://push.campus.example/s/1", ["push.campus.example"])).toBe(true);
    expect(endpointAllowed("https://a.push.campus.example/s/1", [" Push.Campus.Example "])).toBe(true);
    expect(endpointAllowed("https://push.campus.example/s/1", ["other.example", ""])).toBe(false);
  });

  it("takes plain http only to a loopback host that is listed", () => {
    expect(endpointAllowed("http://127.0.0.1:4567/push/1", ["127.0.0.1"])).toBe(true);
    expect(endpointAllowed("http://localhost:4567/push/1", ["localhost"])).toBe(true);
    expect(endpointAllowed("http://127.0.0.1:4567/push/1")).toBe(false);
    expect(endpointAllowed("http://127.0.0.1:4567/push/1", ["localhost"])).toBe(false);
    // a listed host that is not loopback still needs https
    expect(endpointAllowed("http://push.campus.example/s/1", ["push.campus.example"])).toBe(false);
    expect(endpointAllowed("http://10.0.0.5/s/1", ["10.0.0.5"])).toBe(false);
  });
});
