import { appConfigFromEnv } from './app-config';

const SECRETS = {
  JWT_SECRET: 'jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  TRACKING_CODE_SECRET: 'tracking-secret-0123456789abcdefghijklmnopqrst',
};

describe('appConfigFromEnv', () => {
  it('refuses demo data in production, saying why and what to do', () => {
    expect(() => appConfigFromEnv({ ...SECRETS, NODE_ENV: 'production', DEMO_DATA: '1' })).toThrow(
      /DEMO_DATA=1 is refused with NODE_ENV=production.*users:add/,
    );
  });

  it.each([
    ['production without DEMO_DATA', { NODE_ENV: 'production' }],
    ['production with DEMO_DATA=0', { NODE_ENV: 'production', DEMO_DATA: '0' }],
    ['development with DEMO_DATA=1', { NODE_ENV: 'development', DEMO_DATA: '1' }],
  ])('accepts %s', (_label, env) => {
    expect(() => appConfigFromEnv({ ...SECRETS, ...env })).not.toThrow();
  });

  it('serves the API documentation outside production by default, and in production only when asked', () => {
    expect(appConfigFromEnv({ ...SECRETS }).apiDocs).toBe(true);
    expect(appConfigFromEnv({ ...SECRETS, API_DOCS: '0' }).apiDocs).toBe(false);
    expect(appConfigFromEnv({ ...SECRETS, NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(appConfigFromEnv({ ...SECRETS, NODE_ENV: 'production', API_DOCS: '1' }).apiDocs).toBe(true);
    expect(() => appConfigFromEnv({ ...SECRETS, API_DOCS: 'yes' })).toThrow('API_DOCS must be 1 or 0, got "yes"');
  });

  it('closes CORS unless origins are configured, and refuses malformed origins', () => {
    expect(appConfigFromEnv({ ...SECRETS }).corsOrigins).toEqual([]);
    expect(
      appConfigFromEnv({ ...SECRETS, CORS_ORIGINS: 'https://cc.gdansk.pl, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://cc.gdansk.pl', 'http://localhost:5173']);
    expect(() => appConfigFromEnv({ ...SECRETS, CORS_ORIGINS: 'https://cc.gdansk.pl/app' })).toThrow(/CORS_ORIGINS/);
    expect(() => appConfigFromEnv({ ...SECRETS, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('names the public address for Open311 discovery: localhost on PORT unless PUBLIC_URL says, never malformed', () => {
    expect(appConfigFromEnv({ ...SECRETS, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(appConfigFromEnv({ ...SECRETS, PUBLIC_URL: 'https://cc.gdansk.pl/' }).publicUrl).toBe(
      'https://cc.gdansk.pl',
    );
    expect(appConfigFromEnv({ ...SECRETS, PUBLIC_URL: 'https://gdansk.pl/gck' }).publicUrl).toBe(
      'https://gdansk.pl/gck',
    );
    expect(() => appConfigFromEnv({ ...SECRETS, PUBLIC_URL: 'cc.gdansk.pl' })).toThrow(/PUBLIC_URL/);
    expect(() => appConfigFromEnv({ ...SECRETS, PUBLIC_URL: 'https://cc.gdansk.pl/?x=<script>' })).toThrow(
      /PUBLIC_URL/,
    );
  });

  it('refuses TRUST_PROXY=true in production: clients could choose their own address', () => {
    expect(() => appConfigFromEnv({ ...SECRETS, NODE_ENV: 'production', TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY=true is refused/,
    );
    expect(appConfigFromEnv({ ...SECRETS, NODE_ENV: 'production', TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('reads the city networks trusted at sign-in, IPv4 and IPv6, and refuses malformed ones', () => {
    const { signInTrustedNetworks } = appConfigFromEnv({
      ...SECRETS,
      SIGNIN_TRUSTED_NETWORKS: '10.20.0.0/16, 2001:db8::/48',
    });
    expect(signInTrustedNetworks.check('10.20.255.1', 'ipv4')).toBe(true);
    expect(signInTrustedNetworks.check('10.21.0.1', 'ipv4')).toBe(false);
    expect(signInTrustedNetworks.check('2001:db8:0:ffff::1', 'ipv6')).toBe(true);
    expect(signInTrustedNetworks.check('2001:db9::1', 'ipv6')).toBe(false);
    for (const bad of ['10.20.0.0', '10.20.0.0/33', 'office/24', '2001:db8::/129']) {
      expect(() => appConfigFromEnv({ ...SECRETS, SIGNIN_TRUSTED_NETWORKS: bad })).toThrow(/SIGNIN_TRUSTED_NETWORKS/);
    }
  });

  it('migrates as DATABASE_ADMIN_URL when given, else as DATABASE_URL', () => {
    const app = 'postgres://cc_app:pw@db/cc';
    expect(appConfigFromEnv({ ...SECRETS, DATABASE_URL: app }).databaseAdminUrl).toBe(app);
    const owner = 'postgres://cc_owner:pw@db/cc';
    expect(appConfigFromEnv({ ...SECRETS, DATABASE_URL: app, DATABASE_ADMIN_URL: owner })).toMatchObject({
      databaseUrl: app,
      databaseAdminUrl: owner,
    });
  });
});
