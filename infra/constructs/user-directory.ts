import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The custom attributes every kaoping user carries; the ID token names them `custom:tenant`, `custom:role`. */
export const userClaimAttributes = ['tenant', 'role'] as const;

export interface UserDirectoryProps {
  /** Require a second factor (TOTP) at sign-in; on by default, as befits government data. */
  readonly requireMfa?: boolean;
}

/**
 * The Cognito user pool behind the console. Nobody signs themselves up: administrators create users with
 * `tenant` (`T#<province>` or `T#<province>#<city>`) and `role`, both immutable and not writable by the
 * console's app client, so a token's tenant and role are exactly what an administrator set.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
    super(scope, id);
    const requireMfa = props.requireMfa ?? true;
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      // Users meet these e-mails before the console: Chinese first, English after.
      userInvitation: {
        emailSubject: '考评系统账号 / Your kaoping account',
        emailBody:
          '您好！管理员已为您创建考评系统账号。用户名：{username}，临时密码：{####}。' +
          '首次登录时请设置新密码并绑定身份验证器应用。<br><br>' +
          'An administrator created your kaoping account. User name: {username}, temporary password: {####}. ' +
          'At the first sign-in you set a new password and register an authenticator app.',
      },
      userVerification: {
        emailSubject: '考评系统验证码 / kaoping verification code',
        emailBody: '您的验证码是 {####}。 / Your verification code is {####}.',
      },
      autoVerify: { email: true },
      customAttributes: {
        tenant: new StringAttribute({ mutable: false, minLen: 3, maxLen: 80 }),
        role: new StringAttribute({ mutable: false, minLen: 4, maxLen: 32 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: requireMfa ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.consoleClient = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...userClaimAttributes),
      // The console may edit a display name, never the attributes that decide access.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection (advanced security) needs the Plus feature plan, billed per monthly active user; ' +
        'users are created by administrators only, self sign-up is off and MFA is required by default.',
    });
    if (!requireMfa) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: 'MFA was switched off explicitly for this deployment (UserDirectoryProps.requireMfa).',
      });
    }
  }
}
