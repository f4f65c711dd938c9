import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ParleyError } from '../../pipeline/errors.js';

/**
 * Which addresses Parley may connect to. Only globally routable unicast addresses are allowed unless
 * `allowPrivate` (or a range in `allowedRanges`) says otherwise: a URL from a feed or a redirect must not
 * reach into the machine or its network (loopback, RFC 1918, link-local with cloud metadata services,
 * carrier-grade NAT, unique-local IPv6, ...). The check runs on the address actually connected to, at every
 * hop, so a name that resolves to a public address once and a private one later (DNS rebinding) is caught.
 */

/** Thrown inside a connection attempt that would reach a refused address. */
export class RefusedAddressError extends Error {
  readonly code = 'PARLEY_REFUSED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    const bare = host.replace(/^\[(.*)\]$/, '$1');
    super(bare === address ? `${address} is a ${describeRange(range)} address` : `${host} resolves to ${address}, a ${describeRange(range)} address`);
  }
}

/** ipaddr.js range names in words. */
const RANGE_WORDS: Readonly<Record<string, string>> = {
  private: 'private (RFC 1918)',
  loopback: 'loopback',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  carrierGradeNat: 'carrier-grade NAT',
  reserved: 'reserved',
};

function describeRange(range: string): string {
  return RANGE_WORDS[range] ?? `non-public (${range})`;
}

export class AddressPolicy {
  private readonly ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(
    private readonly allowPrivate: boolean,
    allowedRanges: readonly string[] = [],
  ) {
    this.ranges = allowedRanges.map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new ParleyError('E_OPTION', `Fetch option allowedRanges has ${JSON.stringify(cidr)}, which is not a CIDR range such as "10.1.0.0/16" or "fd00::/8".`);
      }
    });
  }

  /** null when the address may be connected to; otherwise the name of its range. */
  refusal(address: string): string | null {
    if (this.allowPrivate) return null;
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.process(address);
    } catch {
      return 'unparseable';
    }
    const range = parsed.range();
    if (range === 'unicast') return null;
    for (const [base, bits] of this.ranges) {
      if (base.kind() === parsed.kind() && parsed.match(base, bits)) return null;
    }
    return range;
  }

  /** Throws RefusedAddressError for a refused address. */
  check(host: string, address: string): void {
    const range = this.refusal(address);
    if (range !== null) throw new RefusedAddressError(host, address, range);
  }

  /** A host that is an IP literal (`127.0.0.1`, `[::1]`) is checked before connecting: no lookup happens for it. */
  checkLiteral(hostname: string): void {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(bare)) this.check(hostname, bare);
  }

  /**
   * A `lookup` for http.request: resolves every address of the host and refuses the connection if any of
   * them is refused (a host with one public and one private address could be steered to either).
   */
  readonly lookup: LookupFunction = (hostname: string, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const range = this.refusal(address);
        if (range !== null) return callback(new RefusedAddressError(hostname, address, range) as unknown as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
