// The demo dashboard's entry: the frame, then every screen (each registers its route).
import './app/app-shell.ts';
import './screens/definitions/definitions-screen.ts';
import './screens/records/records-screen.ts';
import './screens/reports/reports-screen.ts';
import './screens/compare/compare-screen.ts';
import './screens/data/data-screen.ts';
import './screens/share/share-screen.ts';
import './screens/settings/settings-screen.ts';
import { ensureSampleData } from './screens/data/sample-data.ts';
import { showLookingForData } from './app/first-visit.ts';

// A fresh machine shows built-in sample data (issue 6: `npm start` on built-in data); the first
// visit's welcome says what it does meanwhile.
showLookingForData(ensureSampleData());
