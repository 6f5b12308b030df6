// Registers every lead- element (each file defines its tag), for the entries that offer them all:
// the one-script bundle and the React entry.
import '../provider/provider.ts';
import '../threshold-badge/threshold-badge.ts';
import '../score-card/score-card.ts';
import '../score-histogram/score-histogram.ts';
import '../score-history/score-history.ts';
import '../score-matrix/score-matrix.ts';
import '../score-compare/score-compare.ts';
import '../lifecycle-timeline/lifecycle-timeline.ts';
