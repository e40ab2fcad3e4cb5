/** Column roles: what a column means for the engine. Shared by schema inference, overrides and the protocol. */
import { z } from 'zod';
import type { ColumnType } from './table';

export const ROLES = [
  'user_id',
  'item_id',
  'timestamp',
  'event_type',
  'quantity',
  'price',
  'categorical',
  'numeric',
  'text',
  'identifier',
  'basket',
] as const;

export type Role = (typeof ROLES)[number];

export const RoleSchema = z.enum(ROLES);

/** Roles of which a dataset has at most one column. */
export const KEY_ROLES: readonly Role[] = ['user_id', 'item_id', 'timestamp', 'event_type', 'quantity', 'price', 'basket'];

/** The table type a column of a role is converted to. */
export function typeForRole(role: Role): ColumnType {
  switch (role) {
    case 'user_id':
    case 'item_id':
    case 'basket':
    case 'identifier':
      return 'id';
    case 'timestamp':
      return 'datetime';
    case 'event_type':
    case 'categorical':
      return 'categorical';
    case 'quantity':
    case 'price':
    case 'numeric':
      return 'numerical';
    case 'text':
      return 'text';
  }
}

export function isNumericRole(role: Role): boolean {
  return role === 'quantity' || role === 'price' || role === 'numeric';
}

/** What role demotion and typing need to know about a column's values. */
export interface StorageFacts {
  readonly storage: 'text' | 'number' | 'integer' | 'datetime' | 'other';
  readonly dateRate: number;
}

function looksLikeDates(s: StorageFacts): boolean {
  return s.storage === 'datetime' || (s.storage === 'text' && s.dateRate >= 0.9);
}

/** Table type of a column: the role's type, except that a second date column keeps type datetime. */
export function typeOf(role: Role, s: StorageFacts): ColumnType {
  if (role === 'numeric' && looksLikeDates(s)) return 'datetime';
  return typeForRole(role);
}

/** The role a column falls back to when another column holds its (one-per-dataset) role. */
export function demote(role: Role, s: StorageFacts): Role {
  if (role === 'user_id' || role === 'item_id' || role === 'basket') return 'identifier';
  if (role === 'quantity' || role === 'price') return 'numeric';
  if (role === 'event_type') return 'categorical';
  if (role === 'timestamp') return looksLikeDates(s) || s.storage !== 'text' ? 'numeric' : 'categorical';
  return role;
}
