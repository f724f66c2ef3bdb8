import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { USERNAME_PATTERN } from '../users.service';

export class LoginDto {
  @ApiProperty({ pattern: USERNAME_PATTERN.source, example: 'demo.agent' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 2..64 letters, digits or _.@- (ASCII)' })
  username: string;

  @ApiProperty({ minLength: 1, maxLength: 256, format: 'password' })
  @IsString()
  @Length(1, 256)
  password: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'Send it as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Seconds until the token expires.' })
  expiresIn: number;
}
