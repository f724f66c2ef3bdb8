import { clientKeyOf } from './client-key';

describe('clientKeyOf', () => {
  it('keys an IPv4 address by itself', () => {
    expect(clientKeyOf('192.0.2.7')).toBe('v4:192.0.2.7');
    expect(clientKeyOf('192.0.2.8')).not.toBe(clientKeyOf('192.0.2.7'));
  });

  it('reads an IPv4 address written as IPv6 as the IPv4 address', () => {
    expect(clientKeyOf('::ffff:192.0.2.7')).toBe('v4:192.0.2.7');
    expect(clientKeyOf('::FFFF:192.0.2.7')).toBe('v4:192.0.2.7');
    expect(clientKeyOf('::ffff:c000:207')).toBe('v4:192.0.2.7');
    expect(clientKeyOf('0:0:0:0:0:ffff:c000:0207')).toBe('v4:192.0.2.7');
  });

  it('keys an IPv6 address by its /64 prefix, however it is written', () => {
    const key = clientKeyOf('2001:db8:1:2::1');
    expect(key).toBe('v6:2001:db8:1:2::/64');
    expect(clientKeyOf('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
    expect(clientKeyOf('2001:db8:1:2:a:b:c:d')).toBe(key);
    expect(clientKeyOf('2001:db8:1:2::192.0.2.7')).toBe(key);
    expect(clientKeyOf('2001:db8:1:3::1')).toBe('v6:2001:db8:1:3::/64');
    expect(clientKeyOf('2001:db8::')).toBe('v6:2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('v6:0:0:0:0::/64');
    expect(clientKeyOf('::')).toBe('v6:0:0:0:0::/64');
    expect(clientKeyOf('fe80::1%eth0')).toBe('v6:fe80:0:0:0::/64');
  });

  it('does not take an IPv6 address whose tail looks like IPv4 for an IPv4 client', () => {
    expect(clientKeyOf('::192.0.2.7')).toBe('v6:0:0:0:0::/64');
    expect(clientKeyOf('64:ff9b::192.0.2.7')).toBe('v6:64:ff9b:0:0::/64');
  });

  it('puts what is no address in one bucket', () => {
    expect(clientKeyOf(undefined)).toBe('unknown');
    expect(clientKeyOf('')).toBe('unknown');
    expect(clientKeyOf('not-an-address')).toBe('unknown');
  });
});
