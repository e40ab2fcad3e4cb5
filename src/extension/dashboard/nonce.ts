import { randomBytes } from 'node:crypto';

/** A CSP nonce: 128 random bits, base64 without padding (fresh for each page load). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64').replace(/=+$/, '');
}
