// @ts-check
// `linkguard check --json` and `linkguard scan --json` print what docs/check.schema.json and
// docs/scan.schema.json (with docs/verdict.schema.json) say: the command's real output on the
// golden cases and on every mail fixture is validated against them (ajv, JSON Schema 2020-12).
// The schemas' reason codes are the engine's (extension/shared/reason-codes.js, generated).
//
// Needs `make` first (dist/linkguard, extension/shared/reason-codes.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REASON_CODES } from '../../extension/shared/reason-codes.js';

const root = path.resolve(import.meta.dirname, '../..');
const linkguard = path.join(root, 'dist', 'linkguard');
const fixtures = path.join(root, 'tests', 'fixtures', 'mail');

/** @param {string} name */
const schema = (name) => JSON.parse(fs.readFileSync(path.join(root, 'docs', name), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(schema('verdict.schema.json'));
const validateCheck = ajv.compile(schema('check.schema.json'));
const validateScan = ajv.compile(schema('scan.schema.json'));

/**
 * Runs the command; its standard output's lines, each parsed.
 * @param {string[]} args
 * @param {string} [input]
 */
function jsonLines(args, input) {
  const run = spawnSync(linkguard, args, { input, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' }, maxBuffer: 1 << 28 });
  assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `linkguard ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/**
 * @param {import('ajv').ValidateFunction} validate
 * @param {unknown} value
 * @param {string} what
 */
function assertValid(validate, value, what) {
  if (!validate(value)) {
    assert.fail(`${what} does not match the schema:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(value).slice(0, 2000)}`);
  }
}

/** Every reason code in the values (reasons of verdicts and senders). @param {any} value @param {Set<string>} into */
function codesIn(value, into) {
  if (Array.isArray(value)) for (const v of value) codesIn(v, into);
  else if (value && typeof value === 'object') {
    if (typeof value.code === 'string' && 'details' in value) into.add(value.code);
    for (const v of Object.values(value)) codesIn(v, into);
  }
  return into;
}

test('the schemas\' reason codes are the engine\'s, in its order', () => {
  assert.deepEqual(schema('verdict.schema.json').$defs.reasonCode.enum, [...REASON_CODES]);
});

test('check --json: every golden case, with its text and as --stdin lines, matches docs/check.schema.json', () => {
  /** @type {Array<{href: string, text?: string}>} */
  const cases = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'cases.json'), 'utf8')).cases;
  assert.ok(cases.length > 50, `${cases.length} cases`);
  const seen = new Set();
  for (const c of cases) {
    const [verdict] = jsonLines(['check', c.href, '--text', c.text ?? '', '--json']);
    assertValid(validateCheck, verdict, `check ${c.href}`);
    assert.ok(!('href' in verdict), 'one URL: the verdict itself');
    codesIn(verdict, seen);
  }
  const hrefs = cases.map((c) => c.href).filter((h) => !/[\r\n]/.test(h));
  const lines = jsonLines(['check', '--stdin', '--json'], `${hrefs.join('\n')}\n`);
  assert.equal(lines.length, hrefs.filter((h) => h.trim() !== '').length);
  for (const line of lines) {
    assertValid(validateCheck, line, `check --stdin line ${line.href}`);
    codesIn(line, seen);
  }
  // The schema was tried on most of the engine's reasons, not only on a safe verdict.
  assert.ok(seen.size >= 10, `reasons seen: ${[...seen].join(', ')}`);
  assert.ok(lines.some((l) => l.verdict.unwrap_chain.length > 0), 'an unwrapped link');
  assert.ok(lines.some((l) => l.verdict.shown === undefined) && lines.some((l) => l.verdict.target.host === undefined), 'optional fields left out');
});

test('check in a mail (--sender, --subject, and `check -` JSON lines) matches docs/check.schema.json', () => {
  const href = 'https://some-name.example.top/';
  const [inMail] = jsonLines(['check', href, '--text', 'こちらからログイン', '--sender', '三井住友カード <info@notice.example.cn>', '--subject', '【三井住友カード】ご利用確認のお願い', '--json']);
  assertValid(validateCheck, inMail, 'check --sender --subject');
  assert.equal(inMail.reasons[0].code, 'message-brand-mismatch');
  assert.equal(inMail.reasons[0].details.evidence, 'display-name');
  const input = [
    JSON.stringify({ url: href, sender: 'Amazon <info@some-name.example.top>', text: 'ログイン' }),
    JSON.stringify({ url: 'https://x.example.cn/', text: 'Sign in to PayPal' }),
    JSON.stringify({ url: 'https://www.smbc-card.com/', sender: '三井住友カード <info@smbc-card.com>', subject: '【三井住友カード】ご利用確認' }),
    href,
  ].join('\n');
  const lines = jsonLines(['check', '-', '--json'], `${input}\n`);
  assert.equal(lines.length, 4);
  for (const line of lines) assertValid(validateCheck, line, `check - line ${line.href}`);
  const seen = codesIn(lines, new Set());
  assert.ok(seen.has('message-brand-mismatch') && seen.has('link-brand-mismatch'), [...seen].join(', '));
});

test('scan --json: every mail fixture (and --only-flagged, and unreadable inputs) matches docs/scan.schema.json', () => {
  const all = jsonLines(['scan', fixtures, path.join(fixtures, 'garbage.bin'), path.join(fixtures, 'no-such-file.eml'), '--json']);
  const flagged = jsonLines(['scan', fixtures, '--json', '--only-flagged']);
  for (const line of [...all, ...flagged]) assertValid(validateScan, line, `${line.file} #${line.index}`);
  const reports = all.filter((l) => 'level' in l);
  assert.ok(reports.length >= 30, `${reports.length} messages`);
  assert.ok(all.some((l) => 'error' in l && !('index' in l)), 'a file that cannot be opened');
  assert.ok(all.some((l) => 'error' in l && 'index' in l), 'a message that cannot be read');
  assert.ok(reports.some((r) => r.sender.signals.length > 0), 'a sender signal');
  assert.ok(reports.some((r) => r.claim.brands.length > 0 && r.claim.via_list !== undefined), 'a claim through a mailing list');
  assert.ok(reports.some((r) => r.claim.sender_is_brand), 'a brand\'s own mail');
  assert.ok(reports.some((r) => r.reply_to && r.list_id && r.list_unsubscribe), 'a list\'s headers');
  const senderCodes = codesIn(reports.map((r) => r.sender), new Set());
  assert.ok(senderCodes.has('display-name-address') && senderCodes.has('mailto-brand-mismatch'), [...senderCodes].join(', '));
  assert.ok(codesIn(reports, new Set()).size >= 8, 'reasons of several kinds');
});

test('the schemas reject what the command does not print', () => {
  const [verdict] = jsonLines(['check', 'https://checkid.ddnsking.com/', '--json']);
  assertValid(validateCheck, verdict, 'the verdict');
  for (const broken of [
    { ...verdict, level: 'unsafe' },
    { ...verdict, extra: 1 },
    { ...verdict, reasons: [{ ...verdict.reasons[0], code: 'no-such-code' }] },
    { ...verdict, target: { ...verdict.target, url: undefined } },
    { ...verdict, reasons: [{ ...verdict.reasons[0], explained: undefined }] },
    { ...verdict, reasons: [{ ...verdict.reasons[0], details: { ...verdict.reasons[0].details, ip_kind: 'public-ish' } }] },
  ]) {
    assert.equal(validateCheck(JSON.parse(JSON.stringify(broken))), false, JSON.stringify(broken).slice(0, 200));
  }
  const [report] = jsonLines(['scan', path.join(fixtures, 'founding_iso2022jp.eml'), '--json']);
  assertValid(validateScan, report, 'the report');
  const withBadEvidence = structuredClone(report);
  withBadEvidence.claim.brands = [{ brand: 'X', evidence: 'header', said: 'X', official_url: 'https://x.example/' }];
  assert.equal(validateScan(withBadEvidence), false, 'a claim\'s evidence is one of four');
  const withoutClaim = structuredClone(report);
  delete withoutClaim.claim;
  assert.equal(validateScan(withoutClaim), false, 'every report has its claim');
  const withoutExplanation = structuredClone(report);
  delete withoutExplanation.links[0].verdict.reasons[0].explained;
  assert.equal(validateScan(withoutExplanation), false, 'scan\'s reasons are explained');
});
