// The page's calls through `window.leadscore`, made without waiting for the SDK to load: each
// returns a promise of the real call's result, and they run in the order they were made.
import { dataset, engagement } from './scenario.js';

leadscore.importDataset(dataset);
leadscore.saveDraft(engagement);
leadscore.activate(engagement.id);
const [score] = await leadscore.getScores('c1');
document.querySelector('output[name=score]').textContent = String(score.value);
document.querySelector('output[name=label]').textContent = score.label;
