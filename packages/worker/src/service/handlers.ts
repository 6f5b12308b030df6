import type { ServiceContext } from './context.ts';

/**
 * A concept's part of the contract as the service writes it: each method a function of the
 * service's context and the method's own arguments (service/data-writes.ts, definitions.ts, …).
 */
export type Handlers<Api> = {
  [Method in keyof Api]: Api[Method] extends (...args: infer Args) => infer Result ? (ctx: ServiceContext, ...args: Args) => Result : never;
};

/** The concept's methods with the context given: what the worker exposes. */
export function withContext<Api>(ctx: ServiceContext, handlers: Handlers<Api>): Api {
  const entries = Object.entries(handlers as Record<string, (ctx: ServiceContext, ...args: unknown[]) => unknown>);
  return Object.fromEntries(entries.map(([name, handler]) => [name, (...args: unknown[]) => handler(ctx, ...args)])) as Api;
}
