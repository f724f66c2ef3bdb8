import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is counted under by the public routes' rate limits (tracking, Open311). An IPv4 address
 * is its own key; an IPv6 address counts by its /64 prefix, the smallest network a provider hands a subscriber (one
 * household or phone can take any address inside it at will); an IPv4 address written as IPv6 (`::ffff:a.b.c.d`, as
 * a server listening on IPv6 sees IPv4 clients) is the IPv4 address.
 */
export function clientKeyOf(address: string | undefined): string {
  if (!address) return 'unknown';
  if (isIPv4(address)) return `v4:${address}`;
  const hextets = ipv6Hextets(address);
  if (!hextets) return 'unknown';
  if (hextets.slice(0, 5).every((hextet) => hextet === 0) && hextets[5] === 0xffff) {
    return `v4:${hextets[6] >> 8}.${hextets[6] & 0xff}.${hextets[7] >> 8}.${hextets[7] & 0xff}`;
  }
  return `v6:${hextets
    .slice(0, 4)
    .map((hextet) => hextet.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (its zone, `%eth0`, left out), or null if it is none. */
function ipv6Hextets(address: string): number[] | null {
  let text = address.split('%')[0];
  if (!isIPv6(text)) return null;
  // A dotted IPv4 tail (`::ffff:192.0.2.7`) is the last two groups.
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const [head, tail] = text.split('::');
  if (tail === undefined) return groups(head);
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
