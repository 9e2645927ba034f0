import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges: the provider's own network. */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) internal.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) internal.addSubnet(network, prefix, "ipv6");

/** Whether an IP address (v4, v6, or v4 mapped into v6) lies in the provider's own network. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, "ipv4");
  const family = isIP(address);
  return family === 0 ? false : internal.check(address, family === 4 ? "ipv4" : "ipv6");
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
