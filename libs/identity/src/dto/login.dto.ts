import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'demo.agent' })
  @IsString()
  @Length(1, 64)
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
