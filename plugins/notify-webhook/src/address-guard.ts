import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges: the provider's own network. */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  internal.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  internal.addSubnet(network, prefix, "ipv6");

/**
 * Whether an IP address lies in the provider's own network: IPv4, IPv6, and IPv6 forms that
 * carry an IPv4 address inside — mapped (`::ffff:127.0.0.1`, `::ffff:7f00:1`), compatible
 * (`::7f00:1`), NAT64 (`64:ff9b::7f00:1`, `64:ff9b:1::/48`), SIIT (`::ffff:0:7f00:1`) and 6to4
 * (`2002:7f00:1::`) — judged by the IPv4 address they lead to.
 */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, "ipv4");
  if (family !== 6) return false;
  const embedded = embeddedIpv4(address);
  if (embedded !== undefined) return internal.check(embedded, "ipv4");
  return internal.check(address, "ipv6");
}

/** The IPv4 address an IPv6 address carries, for the prefixes that carry one; undefined otherwise. */
function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zero(0, 5) && (words[5] === 0 || words[5] === 0xffff)) return v4(words[6], words[7]); // compatible (::/96, :: and ::1 aside) and mapped
  if (zero(0, 4) && words[4] === 0xffff && words[5] === 0) return v4(words[6], words[7]); // SIIT ::ffff:0:0/96
  if (words[0] === 0x64 && words[1] === 0xff9b && (zero(2, 6) || words[2] === 1)) return v4(words[6], words[7]); // NAT64 64:ff9b::/96, 64:ff9b:1::/48
  if (words[0] === 0x2002) return v4(words[1], words[2]); // 6to4
  return undefined;
}

/** An IPv6 address as its eight 16-bit words (a trailing dotted IPv4 part included). */
function ipv6Words(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, "").toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split(".").map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const part = (s: string | undefined) => (s ? s.split(":").map((w) => parseInt(w, 16)) : []);
  const before = part(head);
  const after = part(tail);
  const words = tail === undefined ? before : [...before, ...Array(8 - before.length - after.length).fill(0), ...after];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

/** Whether a URL's host names the machine itself: `localhost`, `localhost.`, `x.localhost`… */
export function isLocalName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  return host === "localhost" || host.endsWith(".localhost");
}

/** A URL's host as an IP address, when it is one (`[::1]` → `::1`). */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) ? bare : undefined;
}

export class InternalAddressError extends Error {
  readonly code = "EINTERNALADDRESS";
}

/**
 * A DNS lookup for outgoing requests that refuses names resolving into the provider's network:
 * checked on the address actually connected to, so a name cannot pass a check and then re-resolve.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const blocked = addresses.find((a) => isInternalAddress(a.address));
    if (blocked) return callback(new InternalAddressError(`${hostname} resolves to ${blocked.address}, an internal address`), "", 0);
    if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
