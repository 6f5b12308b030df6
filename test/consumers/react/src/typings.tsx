// Checked by `tsc` only, never rendered: the JSX typings are the elements' own, not `any`.
export function WrongProps() {
  return (
    <>
      {/* @ts-expect-error: maxRules is a number. */}
      <lead-score-card maxRules="five" />
      {/* @ts-expect-error: a misspelt property. */}
      <lead-threshold-badge lable="high" />
      {/* @ts-expect-error: the detail of lead-cell-select has no `from`. */}
      <lead-score-matrix onlead-cell-select={(event) => event.detail.from} />
      {/* @ts-expect-error: a comparison is an object (compareDefinitions' result), not a definition id. */}
      <lead-score-compare comparison="fit" />
    </>
  );
}
