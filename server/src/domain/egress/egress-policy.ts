import { BlockList, isIP } from 'node:net';
import type { EgressAllowEntry } from '../../config';

/** Link-local (cloud metadata lives there), "this network", and the metadata services' own addresses. */
const NEVER: [string, number, 'ipv4' | 'ipv6'][] = [
  ['169.254.0.0', 16, 'ipv4'],
  ['0.0.0.0', 8, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
  ['fd00:ec2::254', 128, 'ipv6'],
  ['::', 128, 'ipv6'],
];
/** Loopback, private, shared (CGNAT), benchmarking, multicast and reserved ranges. */
const PRIVATE: [string, number, 'ipv4' | 'ipv6'][] = [
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.internal']);
const LOOPBACK_DEFAULT: EgressAllowEntry[] = [
  { kind: 'host', value: 'localhost' },
  { kind: 'cidr', value: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { kind: 'cidr', value: '::1', prefix: 128, family: 'ipv6' },
];

const blockList = (ranges: [string, number, 'ipv4' | 'ipv6'][]): BlockList => {
  const list = new BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return list;
};

/** `::ffff:10.0.0.1` is 10.0.0.1: checked as the IPv4 address it is. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1] as string, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/**
 * Where Switchboard's outbound requests (tools, MCP servers; later webhooks and model
 * endpoints) may go. Link-local and cloud-metadata addresses: never. Loopback and private
 * ranges: only when EGRESS_ALLOW names them (a host or a CIDR). With EGRESS_ALLOW unset,
 * development allows loopback (a tool server on your machine just works) and production and
 * test refuse it.
 */
export class EgressPolicy {
  private readonly never = blockList(NEVER);
  private readonly private = blockList(PRIVATE);
  private readonly allowed = new BlockList();
  private readonly allowedHosts = new Set<string>();

  constructor(allow: EgressAllowEntry[]) {
    for (const entry of allow) {
      if (entry.kind === 'host') this.allowedHosts.add(entry.value);
      else this.allowed.addSubnet(entry.value, entry.prefix ?? (entry.family === 'ipv4' ? 32 : 128), entry.family ?? 'ipv4');
    }
  }

  static fromConfig(allow: EgressAllowEntry[] | undefined, nodeEnv: 'development' | 'production' | 'test'): EgressPolicy {
    return new EgressPolicy(allow ?? (nodeEnv === 'development' ? LOOPBACK_DEFAULT : []));
  }

  /**
   * What can be known from the URL alone (when it is saved, and again before each request):
   * the scheme, metadata host names, and literal IP addresses. Null when nothing refuses it;
   * a name is checked again on every connection, once resolved.
   */
  refusalOfUrl(raw: string): string | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'is not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (METADATA_HOSTS.has(host)) return `${host} is a cloud metadata service`;
    return isIP(host) ? this.refusalOfAddress(host, host) : null;
  }

  /** Whether `host` may be reached at `address` (what its name resolved to). Null when allowed. */
  refusalOfAddress(host: string, address: string): string | null {
    const ip = normalise(address);
    if (this.never.check(ip.address, ip.family)) return `${address} is a link-local or metadata address`;
    if (!this.private.check(ip.address, ip.family)) return null;
    if (this.allowedHosts.has(host.toLowerCase()) || this.allowed.check(ip.address, ip.family)) return null;
    return `${host === address ? address : `${host} (${address})`} is a loopback or private address not in EGRESS_ALLOW`;
  }
}
