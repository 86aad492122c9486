import type { Knex } from 'knex';
import type { AppMigration } from './AppMigration.js';

/**
 * Ed25519 signatures (issue #14): a forger with write access to the database can recompute every
 * SHA-256 of the chain, but not sign without the private key, which lives outside the database.
 * Entries written before this migration stay unsigned; the first signed anchor vouches for them.
 */
export const signAuditTrail: AppMigration = {
  name: '0014_sign_audit_trail',
  async up(knex: Knex) {
    await knex.schema.alterTable('audit_entries', (t) => {
      // base64 Ed25519 signature of the entry's hash, and the SHA-256 fingerprint of the signing key
      t.string('signature', 100).nullable();
      t.string('key_id', 64).nullable();
    });
    await knex.schema.alterTable('audit_anchors', (t) => {
      t.string('signature', 100).nullable();
      t.string('key_id', 64).nullable();
      // how many entries from seq 1 were written before signing began (vouched for by this anchor)
      t.bigInteger('unsigned_up_to').nullable();
      // RFC 3161 timestamp token (base64 DER) when AUDIT_TSA_URL is set
      t.text('tsa_token').nullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('audit_anchors', (t) => {
      t.dropColumn('tsa_token');
      t.dropColumn('unsigned_up_to');
      t.dropColumn('key_id');
      t.dropColumn('signature');
    });
    await knex.schema.alterTable('audit_entries', (t) => {
      t.dropColumn('key_id');
      t.dropColumn('signature');
    });
  },
};
