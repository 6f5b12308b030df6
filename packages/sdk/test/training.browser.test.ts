// scoring.md §10 through the client: training runs in the worker with progress, the result is an
// ordinary draft, and an edited definition is measured on the same held-out contacts.
import { expect } from '@esm-bundle/chai';
import type { CrmRecord, Progress, TrainingProgress } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

/** n contacts, the first `yes` converted; converted ones mostly on the "pro" plan. */
function contacts(n: number, yes: number): CrmRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${String(i).padStart(3, '0')}`,
    objectType: 'contact',
    properties: { outcome: i < yes ? 'Yes' : 'No', plan: i < yes ? (i % 6 === 0 ? 'free' : 'pro') : (i % 5 === 0 ? 'pro' : 'free') },
  }));
}

describe('AI scores through the client', () => {
  afterEach(cleanUp);

  it('trains in the worker with progress, and gives a draft that saves, scores and is measured again', async () => {
    const client = open(freshDbName('training'));
    await client.upsertRecords(contacts(200, 80));
    const steps: TrainingProgress[] = [];
    const trained = await client.trainScore({ kind: 'fit', label: 'outcome', seed: 5, name: 'Learned fit' }, (progress) => steps.push(progress));
    expect(trained.metrics).to.include({ converted: 80, notConverted: 120, train: 140, test: 60, seed: 5 });
    expect(trained.metrics.auc).to.be.greaterThan(0.7);
    expect(steps.map((step) => step.step)).to.include.members(['samples', 'criteria', 'model', 'quality']);
    expect(JSON.stringify(trained.definition)).not.to.contain('"outcome"');

    const info = await client.saveDraft(trained.definition);
    expect(info).to.include({ status: 'draft', name: 'Learned fit' });
    const same = await client.evaluateOnHeldOut(trained.definition, trained.request);
    expect(same.auc).to.equal(trained.metrics.auc);

    // An edit: every rule worth one point more. The quality is measured on the same contacts.
    const edited = { ...trained.definition, groups: trained.definition.groups.map((group) => ({ ...group, rules: group.rules.map((rule) => ({ ...rule, points: (rule.points ?? 0) + 1 })) })) };
    const quality = await client.evaluateOnHeldOut(edited, trained.request);
    expect(quality.labels.map((label) => label.label)).to.deep.equal(['high', 'medium', 'low']);
    expect(quality.labels.reduce((sum, label) => sum + label.records, 0)).to.equal(60);
    const progress: Progress[] = [];
    await client.activate(info.id, (p) => progress.push(p));
    expect(progress.at(-1)).to.deep.equal({ definitionId: info.id, done: 200, total: 200 });
  });

  it('fails with the counts found when there are too few contacts', async () => {
    const client = open(freshDbName('training-few'));
    await client.upsertRecords(contacts(60, 20));
    const error = await rejection(client.trainScore({ kind: 'fit', label: 'outcome' }));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.contain('found 60 contacts: 20 converted and 40 not converted');
  });
});
