import { createContext } from '@lit/context';
import type { LeadscoreClient } from '@leadscore/sdk';

/** The client `<lead-provider>` hands to the elements inside it. */
export const clientContext = createContext<LeadscoreClient | undefined>(Symbol.for('leadscore-client'));
