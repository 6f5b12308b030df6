/**
 * One method of the contract, declared by its signature. At run time only its name exists (what the
 * SDK's client forwards); the value is a placeholder that fails if it is ever called, since the
 * worker's service implements the method (service/handlers.ts).
 */
export function method<Signature extends (...args: never[]) => Promise<unknown>>(): Signature {
  return declaredOnly as unknown as Signature;
}

function declaredOnly(): never {
  throw new Error('a method of the contract is a declaration: call it on the client or the service');
}
