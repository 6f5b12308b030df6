/**
 * The command line's flags: `--name value`, `--name=value`, repeatable flags, `-h`/`--help`, `--`
 * before positionals that start with a dash. Hand-written rather than node:util's parseArgs so
 * every problem reads as one sentence a person can act on.
 */

export interface FlagSpec {
  /** Shown in help, e.g. `FILE`. */
  readonly value: string;
  /** May be given more than once; every value is kept in order. */
  readonly multiple?: boolean;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export interface Args {
  /** Values by flag name (without dashes); a flag that was not given is absent. */
  readonly flags: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
  readonly help: boolean;
}

export type ArgsResult = { ok: true; value: Args } | { ok: false; problem: string };

export function parseArgs(argv: readonly string[], specs: FlagSpecs): ArgsResult {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  let help = false;

  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h' || token === '--help') {
      help = true;
      continue;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    if (!token.startsWith('--')) return { ok: false, problem: `unknown flag ${token}` };

    const equals = token.indexOf('=');
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) return { ok: false, problem: `unknown flag --${name}` };

    let value: string;
    if (equals !== -1) {
      value = token.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return { ok: false, problem: `--${name} needs a value: --${name} ${spec.value}` };
      value = next;
      i += 1;
    }
    if (value === '') return { ok: false, problem: `--${name} needs a value: --${name} ${spec.value}` };

    const values = flags.get(name) ?? [];
    if (values.length > 0 && !spec.multiple) return { ok: false, problem: `--${name} is given more than once` };
    values.push(value);
    flags.set(name, values);
  }

  return { ok: true, value: { flags, positionals, help } };
}

/** The one value of a flag that may appear once. */
export function single(args: Args, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}
