// SPDX-License-Identifier: Apache-2.0
// Verifies a Sigstore bundle v0.3 with a public key, offline, with Sigstore's JavaScript client,
// then checks that every file named on the command line is a subject of the signed in-toto
// statement with its SHA-256. Prints the statement's predicateType; exits 1 on any failure.
//   node verify.mjs BUNDLE PUBLIC_KEY_PEM [FILE...]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import crypto from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundlePath, keyPath, ...files] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
const key = crypto.createPublicKey(readFileSync(keyPath));
const noAuthorities = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], ctlogs: [], certificateAuthorities: [], timestampAuthorities: [],
};
const trust = toTrustMaterial(noAuthorities, () => ({ publicKey: key, validFor: () => true }));
new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 })
  .verify(toSignedEntity(bundle));

const envelope = bundle.content.dsseEnvelope;
if (envelope.payloadType !== 'application/vnd.in-toto+json') {
  throw new Error(`not an in-toto statement: ${envelope.payloadType}`);
}
const statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
for (const file of files) {
  const digest = crypto.createHash('sha256').update(readFileSync(file)).digest('hex');
  if (!statement.subject.some((s) => s.digest && s.digest.sha256 === digest)) {
    throw new Error(`${basename(file)}: no subject has its sha256 ${digest}`);
  }
}
console.log(statement.predicateType);
