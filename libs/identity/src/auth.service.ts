import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError } from '@app/core';
import { accessTokenClaims } from './access-tokens';
import { AccessTokenDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle.service';
import { UserEntity } from './user.entity';

/** Verified against when the username is unknown, so both failures take the same time. */
const DUMMY_HASH = argon2.hash('no such user; equalises timing');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<AccessTokenDto> {
    await this.throttle.recordAttempt(username, clientAddress);
    const user = await this.verifiedUser(username, password).catch(async (error: unknown) => {
      await this.throttle.cancelAttempt(username, clientAddress);
      throw error;
    });
    if (!user) throw new DomainError('invalid_credentials', 'The username or password is wrong.', 'unauthenticated');
    await this.throttle.recordSuccess(username, clientAddress);
    // Said only to someone who knows the password: the account holder, who then knows whom to ask.
    if (user.disabledAt) throw new DomainError('account_disabled', 'This account is disabled.', 'unauthenticated');
    const accessToken = await this.jwt.signAsync(
      accessTokenClaims(
        { id: user.id, username: user.username, role: user.role, unitCode: user.unitCode },
        user.tokenVersion,
      ),
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds };
  }

  /** The user if the password is theirs; null for a wrong password or an unknown username alike. */
  private async verifiedUser(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
    const valid = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password);
    return user && valid ? user : null;
  }
}
