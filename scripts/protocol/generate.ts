/**
 * Generates lib/kafka/protocol/generated/ from Kafka's own JSON message definitions, read
 * from the pinned kafka-clients jar: for each API in apis.ts, typed request and response
 * interfaces and encode/decode functions for every valid version (flexible versions,
 * tagged fields, nullable fields, defaults, nested and common structs).
 *
 *   npx tsx scripts/protocol/generate.ts
 *
 * The output is committed; a unit test regenerates it and fails on any difference.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kafkaHome, kafkaVersion, projectRoot } from '../kafka/cluster';
import { APIS, HEADERS } from './apis';
import { readZipEntries, stripComments } from './jar';

export const OUTPUT_DIR = join(projectRoot, 'lib', 'kafka', 'protocol', 'generated');

// --- the JSON definitions -----------------------------------------------------------------

interface FieldSpec {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number;
  default?: string | number | boolean;
  ignorable?: boolean;
  flexibleVersions?: string;
  about?: string;
  fields?: FieldSpec[];
}

interface MessageSpec {
  apiKey?: number;
  type: 'request' | 'response' | 'header';
  name: string;
  validVersions: string;
  flexibleVersions: string;
  fields: FieldSpec[];
  commonStructs?: { name: string; fields: FieldSpec[] }[];
}

/** Every message definition in the jar, by name (e.g. MetadataRequest). */
export function loadDefinitions(jar = join(kafkaHome(), 'libs', `kafka-clients-${kafkaVersion()}.jar`)): Map<string, MessageSpec> {
  const entries = readZipEntries(jar, (n) => /^common\/message\/[A-Za-z]+\.json$/.test(n));
  const out = new Map<string, MessageSpec>();
  for (const [name, data] of entries) {
    const spec = JSON.parse(stripComments(data.toString('utf8'))) as MessageSpec;
    out.set(name.replace(/^common\/message\/|\.json$/g, ''), spec);
  }
  return out;
}

// --- version ranges -------------------------------------------------------------------------

interface Range {
  lo: number;
  hi: number;
}

function parseRange(s: string | undefined): Range | null {
  if (s === undefined || s === 'none') return null;
  let m = /^(\d+)\+$/.exec(s);
  if (m) return { lo: Number(m[1]), hi: Infinity };
  m = /^(\d+)-(\d+)$/.exec(s);
  if (m) return { lo: Number(m[1]), hi: Number(m[2]) };
  m = /^(\d+)$/.exec(s);
  if (m) return { lo: Number(m[1]), hi: Number(m[1]) };
  throw new Error(`bad version range: ${s}`);
}

function intersect(a: Range | null, b: Range | null): Range | null {
  if (!a || !b) return null;
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return lo <= hi ? { lo, hi } : null;
}

/** `a` without the versions of `b`, when that is one range (Kafka's tagged versions are always a suffix). */
function minus(a: Range | null, b: Range | null): Range | null {
  if (!a || !b) return a;
  if (b.lo <= a.lo) return b.hi >= a.hi ? null : { lo: b.hi + 1, hi: a.hi };
  if (b.hi >= a.hi) return { lo: a.lo, hi: b.lo - 1 };
  throw new Error('a range with a hole');
}

/** A condition on `v` that holds for the versions of `r` within `ctx`. */
function cond(r: Range | null, ctx: Range): string {
  const x = intersect(r, ctx);
  if (!x) return 'false';
  const lo = x.lo > ctx.lo;
  const hi = x.hi < ctx.hi;
  if (!lo && !hi) return 'true';
  if (lo && hi && x.lo === x.hi) return `v === ${x.lo}`;
  if (lo && hi) return `v >= ${x.lo} && v <= ${x.hi}`;
  return lo ? `v >= ${x.lo}` : `v <= ${x.hi}`;
}

const not = (c: string) => (c === 'true' ? 'false' : c === 'false' ? 'true' : `!(${c})`);

// --- types ----------------------------------------------------------------------------------

const PRIMITIVES: Record<string, { ts: string; zero: string; read: string; write: string }> = {
  int8: { ts: 'number', zero: '0', read: 'int8()', write: 'int8' },
  int16: { ts: 'number', zero: '0', read: 'int16()', write: 'int16' },
  uint16: { ts: 'number', zero: '0', read: 'uint16()', write: 'uint16' },
  int32: { ts: 'number', zero: '0', read: 'int32()', write: 'int32' },
  int64: { ts: 'bigint', zero: '0n', read: 'int64()', write: 'int64' },
  float64: { ts: 'number', zero: '0', read: 'float64()', write: 'float64' },
  bool: { ts: 'boolean', zero: 'false', read: 'bool()', write: 'bool' },
  uuid: { ts: 'string', zero: 'ZERO_UUID', read: 'uuid()', write: 'uuid' },
  string: { ts: 'string', zero: "''", read: '', write: 'string' },
  bytes: { ts: 'Buffer', zero: 'Buffer.alloc(0)', read: '', write: 'bytes' },
  records: { ts: 'Buffer', zero: 'null', read: '', write: 'bytes' },
};

const camel = (s: string) => s[0].toLowerCase() + s.slice(1);
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const doc = (s: string | undefined, indent: string) => (s ? `${indent}/** ${s.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '');

interface Struct {
  /** Name in Kafka's definition. */
  name: string;
  /** Name in the generated TypeScript. */
  ts: string;
  fields: FieldSpec[];
  /** The versions in which this struct can appear. */
  ctx: Range;
  doc?: string;
}

class Lines {
  out: string[] = [];
  push(indent: number, line: string): void {
    this.out.push(line ? '  '.repeat(indent) + line : '');
  }
  toString(): string {
    return this.out.join('\n');
  }
}

/** Generates the code of one message (a request, a response or a header). */
class MessageGenerator {
  readonly valid: Range;
  readonly flexible: Range | null;
  readonly structs: Struct[] = [];
  private readonly byName = new Map<string, Struct>();
  /** Structs used as a single (non-array) field: they get default and isDefault helpers. */
  private readonly single = new Set<string>();

  constructor(
    readonly spec: MessageSpec,
    private readonly tsName: (kafkaName: string) => string,
  ) {
    const valid = parseRange(spec.validVersions);
    if (!valid) throw new Error(`${spec.name}: no valid versions`);
    this.valid = valid;
    this.flexible = parseRange(spec.flexibleVersions);
    for (const c of spec.commonStructs ?? []) this.addStruct(c.name, c.fields, valid);
    this.addStruct(spec.name, spec.fields, valid, undefined);
    this.collectSingles(this.structs);
  }

  private addStruct(name: string, fields: FieldSpec[], ctx: Range, about?: string): void {
    const s: Struct = { name, ts: this.tsName(name), fields, ctx, doc: about };
    this.structs.push(s);
    this.byName.set(name, s);
    for (const f of fields) {
      if (!f.fields) continue;
      const fctx = intersect(parseRange(f.versions), ctx);
      if (fctx) this.addStruct(f.type.replace(/^\[\]/, ''), f.fields, fctx, f.about);
    }
  }

  private collectSingles(structs: Struct[]): void {
    for (const s of structs) for (const f of s.fields) if (!f.type.startsWith('[]') && !PRIMITIVES[f.type]) this.single.add(f.type);
  }

  private struct(name: string): Struct {
    const s = this.byName.get(name);
    if (!s) throw new Error(`${this.spec.name}: unknown type ${name}`);
    return s;
  }

  /** The fields that exist in some version in which the struct appears. */
  private live(s: Struct): FieldSpec[] {
    return s.fields.filter((f) => intersect(parseRange(f.versions), s.ctx));
  }

  private nullable(f: FieldSpec): boolean {
    return parseRange(f.nullableVersions) !== null;
  }

  private tsType(f: FieldSpec): string {
    const elem = f.type.replace(/^\[\]/, '');
    const base = PRIMITIVES[elem]?.ts ?? this.struct(elem).ts;
    const t = f.type.startsWith('[]') ? `${base}[]` : base;
    return this.nullable(f) || f.type === 'records' ? `${t} | null` : t;
  }

  private defaultExpr(f: FieldSpec): string {
    const d = f.default === undefined ? undefined : String(f.default);
    if (d === 'null') return 'null';
    if (f.type.startsWith('[]')) return '[]';
    const p = PRIMITIVES[f.type];
    if (!p) return `default${this.struct(f.type).ts}()`;
    if (d === undefined || d === '') return f.type === 'string' && d === '' ? "''" : p.zero;
    switch (f.type) {
      case 'int64':
        return `${BigInt(d)}n`;
      case 'bool':
        return d === 'true' ? 'true' : 'false';
      case 'string':
        return JSON.stringify(d);
      case 'int8':
      case 'int16':
      case 'uint16':
      case 'int32':
      case 'float64':
        return String(Number(d));
      default:
        throw new Error(`${this.spec.name}.${f.name}: default ${d} for ${f.type}`);
    }
  }

  /** A test that `x` (known not to be undefined) differs from the field's default. */
  private differs(f: FieldSpec, x: string): string {
    const d = this.defaultExpr(f);
    if (d === 'null') return `${x} !== null`;
    if (f.type.startsWith('[]') || f.type === 'bytes' || f.type === 'records')
      return this.nullable(f) || f.type === 'records' ? `(${x} === null || ${x}.length > 0)` : `${x}.length > 0`;
    if (!PRIMITIVES[f.type]) return `!isDefault${this.struct(f.type).ts}(${x})`;
    return `${x} !== ${d}`;
  }

  private writeExpr(f: FieldSpec, type: string, w: string, x: string, flex: string): string {
    if (type.startsWith('[]')) {
      const elem = type.slice(2);
      const inner = PRIMITIVES[elem] ? this.writeExpr(f, elem, w, 'e', flex) : `encode${this.struct(elem).ts}(${w}, v, e)`;
      return `${w}.array(${x}, ${flex}, (e) => ${inner})`;
    }
    const p = PRIMITIVES[type];
    if (p) return ['string', 'bytes', 'records'].includes(type) ? `${w}.${p.write}(${x}, ${flex})` : `${w}.${p.write}(${x})`;
    const s = this.struct(type).ts;
    return this.nullable(f) ? `${x} === null ? ${w}.int8(-1) : encode${s}(${w}.int8(1), v, ${x})` : `encode${s}(${w}, v, ${x})`;
  }

  /** Reads a value of `type`; `nullable` is a condition on v (or 'true'/'false'). */
  private readExpr(f: FieldSpec, type: string, r: string, flex: string, nullable: string): string {
    const pick = (a: string, b: string) => (nullable === 'true' ? a : nullable === 'false' ? b : `(${nullable} ? ${a} : ${b})`);
    if (type.startsWith('[]')) {
      const elem = type.slice(2);
      const inner = PRIMITIVES[elem] ? this.readExpr(f, elem, r, flex, 'false') : `decode${this.struct(elem).ts}(${r}, v)`;
      return pick(`${r}.nullableArray(${flex}, () => ${inner})`, `${r}.array(${flex}, () => ${inner}, '${f.name}')`);
    }
    if (type === 'string') return pick(`${r}.nullableString(${flex})`, `${r}.string(${flex}, '${f.name}')`);
    if (type === 'bytes' || type === 'records') return pick(`${r}.nullableBytes(${flex})`, `${r}.bytes(${flex}, '${f.name}')`);
    const p = PRIMITIVES[type];
    if (p) return `${r}.${p.read}`;
    const s = this.struct(type).ts;
    return pick(`(${r}.int8() < 0 ? null : decode${s}(${r}, v))`, `decode${s}(${r}, v)`);
  }

  /** `flex` in generated code, or a literal where the struct's versions decide it. */
  private flexCond(f: FieldSpec | null, ctx: Range): string {
    if (f?.flexibleVersions !== undefined) return cond(parseRange(f.flexibleVersions), ctx);
    const c = cond(this.flexible, ctx);
    return c === 'true' || c === 'false' || !f ? c : 'flex';
  }

  private emitStruct(s: Struct, top: boolean, L: Lines): void {
    const fields = this.live(s);
    const flexible = intersect(this.flexible, s.ctx) !== null;
    const exp = top ? 'export ' : '';
    const structFlex = this.flexCond(null, s.ctx);
    const someFlex = structFlex !== 'true' && structFlex !== 'false';
    const flexDecl = `const flex = ${structFlex};`;

    L.push(0, doc(s.doc, '').trimEnd());
    L.push(0, `export interface ${s.ts} {`);
    for (const f of fields) {
      const about = doc(f.about, '  ');
      if (about) L.push(0, about.trimEnd());
      L.push(1, `${camel(f.name)}: ${this.tsType(f)};`);
    }
    if (flexible) L.push(1, 'unknownTaggedFields?: UnknownTaggedField[];');
    L.push(0, '}');
    L.push(0, '');

    // encode
    L.push(0, `${exp}function encode${s.ts}(w: Writer, v: number, m: Input<${s.ts}>): Writer {`);
    if (someFlex) L.push(1, flexDecl);
    const tagged: FieldSpec[] = [];
    for (const f of fields) {
      const key = camel(f.name);
      const versions = parseRange(f.versions);
      const taggedIn = parseRange(f.taggedVersions);
      if (taggedIn) tagged.push(f);
      const regular = cond(minus(versions, taggedIn), s.ctx);
      const absent = not(cond(versions, s.ctx));
      const nullCheck = this.nullable(f) ? cond(parseRange(f.nullableVersions), s.ctx) : 'true';
      const fieldFlex = this.flexCond(f, s.ctx);
      if (regular !== 'false') {
        // `??` would turn an explicit null into the default.
        const value = this.nullable(f) ? `m.${key} === undefined ? ${this.defaultExpr(f)} : m.${key}` : `m.${key} ?? ${this.defaultExpr(f)}`;
        const body: string[] = [];
        if (nullCheck !== 'true' || (this.nullable(f) && !PRIMITIVES[f.type] && !f.type.startsWith('[]'))) {
          body.push(`const x = ${value};`);
          if (nullCheck !== 'true') body.push(`if (x === null && !(${nullCheck})) notNullable('${f.name}', '${this.spec.name}', v);`);
          body.push(`${this.writeExpr(f, f.type, 'w', 'x', fieldFlex)};`);
        } else {
          body.push(`${this.writeExpr(f, f.type, 'w', value, fieldFlex)};`);
        }
        if (body.length === 1) L.push(1, regular === 'true' ? body[0] : `if (${regular}) ${body[0]}`);
        else {
          L.push(1, regular === 'true' ? '{' : `if (${regular}) {`);
          for (const b of body) L.push(2, b);
          L.push(1, '}');
        }
      }
      if (!f.ignorable && !taggedIn && absent !== 'false') {
        L.push(1, `if (${absent} && m.${key} !== undefined && ${this.differs(f, `m.${key}`)}) unsupported('${f.name}', '${this.spec.name}', v);`);
      }
    }
    if (flexible) {
      const guard = someFlex ? 'if (flex) ' : '';
      if (!tagged.length) L.push(1, `${guard}w.taggedFields([], m.unknownTaggedFields);`);
      else {
        const i = someFlex ? 2 : 1;
        if (someFlex) L.push(1, 'if (flex) {');
        L.push(i, 'const tagged: [number, (t: Writer) => void][] = [];');
        for (const f of tagged) {
          const key = camel(f.name);
          const c = cond(parseRange(f.taggedVersions), s.ctx);
          L.push(i, `const ${key} = m.${key};`);
          L.push(
            i,
            `if (${c === 'true' ? '' : `${c} && `}${key} !== undefined && ${this.differs(f, key)}) tagged.push([${f.tag}, (t) => ${this.writeExpr(f, f.type, 't', key, 'true')}]);`,
          );
        }
        L.push(i, 'w.taggedFields(tagged, m.unknownTaggedFields);');
        if (someFlex) L.push(1, '}');
      }
    }
    L.push(1, 'return w;');
    L.push(0, '}');
    L.push(0, '');

    // decode
    L.push(0, `${exp}function decode${s.ts}(r: Reader, v: number): ${s.ts} {`);
    if (someFlex) L.push(1, flexDecl);
    L.push(1, `const m = {} as ${s.ts};`);
    for (const f of fields) {
      const key = camel(f.name);
      const regular = cond(minus(parseRange(f.versions), parseRange(f.taggedVersions)), s.ctx);
      const nullable = cond(parseRange(f.nullableVersions), s.ctx);
      const read = this.readExpr(f, f.type, 'r', this.flexCond(f, s.ctx), nullable);
      if (regular === 'true') L.push(1, `m.${key} = ${read};`);
      else if (regular === 'false') L.push(1, `m.${key} = ${this.defaultExpr(f)};`);
      else L.push(1, `m.${key} = ${regular} ? ${read} : ${this.defaultExpr(f)};`);
    }
    if (flexible) {
      const guard = someFlex ? 'if (flex) ' : '';
      if (!tagged.length) L.push(1, `${guard}r.taggedFieldsInto(m);`);
      else {
        L.push(1, `${guard}r.taggedFieldsInto(m, (tag, t) => {`);
        L.push(2, 'switch (tag) {');
        for (const f of tagged) {
          const c = cond(parseRange(f.taggedVersions), s.ctx);
          L.push(3, `case ${f.tag}:`);
          if (c !== 'true') L.push(4, `if (!(${c})) return false;`);
          L.push(4, `m.${camel(f.name)} = ${this.readExpr(f, f.type, 't', 'true', cond(parseRange(f.nullableVersions), s.ctx))};`);
          L.push(4, 'return true;');
        }
        L.push(3, 'default:');
        L.push(4, 'return false;');
        L.push(2, '}');
        L.push(1, '});');
      }
    }
    L.push(1, 'return m;');
    L.push(0, '}');
    L.push(0, '');

    if (this.single.has(s.name)) {
      L.push(0, `function default${s.ts}(): ${s.ts} {`);
      L.push(1, `return { ${fields.map((f) => `${camel(f.name)}: ${this.defaultExpr(f)}`).join(', ')} };`);
      L.push(0, '}');
      L.push(0, '');
      L.push(0, `function isDefault${s.ts}(m: Input<${s.ts}>): boolean {`);
      const tests = fields.map((f) => `(m.${camel(f.name)} === undefined || !(${this.differs(f, `m.${camel(f.name)}`)}))`);
      if (flexible) tests.push('!m.unknownTaggedFields?.length');
      L.push(1, `return ${tests.length ? tests.join(' && ') : 'true'};`);
      L.push(0, '}');
      L.push(0, '');
    }
  }

  /** The message's structs, nested ones first, the message itself last. */
  emit(L: Lines): void {
    const top = this.struct(this.spec.name);
    for (const s of this.structs) if (s !== top) this.emitStruct(s, false, L);
    this.emitStruct(top, true, L);
  }
}

// --- files ------------------------------------------------------------------------------------

function header(sources: string[]): string {
  return [
    `// Generated by scripts/protocol/generate.ts from Kafka ${kafkaVersion()}'s ${sources.join(' and ')}. Do not edit.`,
    "import { notNullable, unsupported, ZERO_UUID, type ApiSpec, type Input, type Reader, type UnknownTaggedField, type Writer } from '../codec';",
    '',
    '',
  ].join('\n');
}

/** Struct names in the generated file: Kafka's, prefixed with the message name where request and response share one. */
function namer(specs: MessageSpec[]): (spec: MessageSpec) => (name: string) => string {
  const seen = new Map<string, number>();
  const walk = (fields: FieldSpec[], names: Set<string>) => {
    for (const f of fields) {
      if (!f.fields) continue;
      names.add(f.type.replace(/^\[\]/, ''));
      walk(f.fields, names);
    }
  };
  const per = specs.map((spec) => {
    const names = new Set<string>();
    for (const c of spec.commonStructs ?? []) {
      names.add(c.name);
      walk(c.fields, names);
    }
    walk(spec.fields, names);
    return names;
  });
  for (const names of per) for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  const messageNames = new Set(specs.map((s) => s.name));
  return (spec) => (name) => (name === spec.name ? name : (seen.get(name) ?? 0) > 1 || messageNames.has(name) ? `${spec.name}${name}` : name);
}

function generateApi(api: string, defs: Map<string, MessageSpec>): string {
  const req = defs.get(`${api}Request`);
  const res = defs.get(`${api}Response`);
  if (!req || !res) throw new Error(`no ${api}Request/${api}Response in the jar`);
  const names = namer([req, res]);
  const L = new Lines();
  const reqGen = new MessageGenerator(req, names(req));
  const resGen = new MessageGenerator(res, names(res));
  reqGen.emit(L);
  resGen.emit(L);
  const v = reqGen.valid;
  const flex = reqGen.flexible ? cond(reqGen.flexible, v) : 'false';
  const flexFn = flex === 'true' || flex === 'false' ? `() => ${flex}` : `(v) => ${flex}`;
  const hdr = (yes: number, no: number) => (flex === 'true' ? `() => ${yes}` : flex === 'false' ? `() => ${no}` : `(v) => (${flex} ? ${yes} : ${no})`);
  L.push(0, `export const ${api}Api: ApiSpec<${req.name}, ${res.name}> = {`);
  L.push(1, `key: ${req.apiKey},`);
  L.push(1, `name: '${api}',`);
  L.push(1, `minVersion: ${v.lo},`);
  L.push(1, `maxVersion: ${v.hi},`);
  L.push(1, `isFlexible: ${flexFn},`);
  L.push(1, `requestHeaderVersion: ${hdr(2, 1)},`);
  // ApiVersions answers with response header v0 whatever its version, so a client that
  // does not know the broker's versions yet can read it.
  L.push(1, `responseHeaderVersion: ${req.apiKey === 18 ? '() => 0' : hdr(1, 0)},`);
  L.push(1, `encodeRequest: encode${req.name},`);
  L.push(1, `decodeRequest: decode${req.name},`);
  L.push(1, `encodeResponse: encode${res.name},`);
  L.push(1, `decodeResponse: decode${res.name},`);
  L.push(0, '};');
  L.push(0, '');
  return fixImports(header([`${req.name}.json`, `${res.name}.json`]) + L.toString());
}

function generateHeader(name: string, defs: Map<string, MessageSpec>): string {
  const spec = defs.get(name);
  if (!spec) throw new Error(`no ${name} in the jar`);
  const L = new Lines();
  new MessageGenerator(spec, names([spec])).emit(L);
  return fixImports(header([`${name}.json`]) + L.toString());

  function names(specs: MessageSpec[]) {
    return namer(specs)(spec!);
  }
}

/** Imports only what the file uses. */
function fixImports(code: string): string {
  const body = code.slice(code.indexOf('\n', code.indexOf('import ')) + 1);
  const used = ['notNullable', 'unsupported', 'ZERO_UUID'].filter((n) => new RegExp(`\\b${n}\\b`).test(body));
  const types = ['ApiSpec', 'Input', 'Reader', 'UnknownTaggedField', 'Writer'].filter((n) => new RegExp(`\\b${n}\\b`).test(body));
  const line = `import { ${[...used, ...types.map((t) => `type ${t}`)].join(', ')} } from '../codec';`;
  return code
    .replace(/^import .*$/m, line)
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n+$/, '\n');
}

/** Writes every generated file into `dir` (emptied first). Returns the file names. */
export function generate(dir = OUTPUT_DIR, defs = loadDefinitions()): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const index: string[] = [`// Generated by scripts/protocol/generate.ts. Do not edit.`];
  for (const api of APIS) {
    const file = `${kebab(api)}.ts`;
    writeFileSync(join(dir, file), generateApi(api, defs));
    files.push(file);
    index.push(`export { ${api}Api } from './${kebab(api)}';`);
  }
  for (const h of HEADERS) {
    const file = `${kebab(h)}.ts`;
    writeFileSync(join(dir, file), generateHeader(h, defs));
    files.push(file);
  }
  writeFileSync(join(dir, 'index.ts'), `${index.join('\n')}\n`);
  files.push('index.ts');
  return files.sort();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const files = generate();
  process.stdout.write(`Wrote ${files.length} files to ${OUTPUT_DIR}\n`);
}
