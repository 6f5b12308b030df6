// The worker entry: the service, exposed over comlink (DESIGN.md). Errors keep their code.
import { expose } from 'comlink';
import './error-transfer.ts';
import { LeadscoreService } from './service.ts';
import { ServiceError } from './service/service-error.ts';

const service = new LeadscoreService();

// The SDK's client forwards any method name (its type is the contract, not a list of names), so a
// name the service lacks, from a page without types, is refused here in words.
expose(new Proxy(service, {
  get: (target, key, receiver) => {
    if (typeof key !== 'string' || key in target) return Reflect.get(target, key, receiver);
    return () => {
      throw new ServiceError({ code: 'invalid_input', message: `${key} is not a method of the Leadscore client` });
    };
  },
}));
