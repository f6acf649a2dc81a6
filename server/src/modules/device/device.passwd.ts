import { pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * A Mosquitto password-file line (`mosquitto_passwd` format 7: PBKDF2-SHA512, 101 iterations, 12-byte
 * salt), for provisioning device credentials on a Mosquitto broker (docs/deployment.md).
 */
export function mosquittoPasswdLine(username: string, password: string): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return `${username}:$7$101$${salt.toString('base64')}$${hash.toString('base64')}`;
}
