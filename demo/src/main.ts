// The demo's entry. A placeholder until the dashboard lands; it already loads the widgets package
// the way the dashboard will, so `npm start` and `npm run build` exercise the workspace chain.
import { version } from '@leadscore/widgets';

const footer = document.querySelector<HTMLElement>('#versions');
if (footer) footer.textContent = `@leadscore/widgets ${version}`;
