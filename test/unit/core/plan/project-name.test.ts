import { describe, expect, it } from 'vitest';
import { suggestProjectName, validateProjectName } from '../../../../core/plan/index.js';

describe('suggestProjectName', () => {
  it.each([
    ['Helper (1).zip', 'helper-1'],
    ['Helper (1)', 'helper-1'],
    ['My_Project', 'my-project'],
    ['a--b', 'a-b'],
    ['team-', 'team'],
    ['Café Bot', 'cafe-bot'],
    ['2024 report.ZIP', 'report'],
    ['../../etc', 'etc'],
    ['customer-success-escalations-team-eu', 'customer-success-escalations-t'],
    ['abcdefghijklmnopqrstuvwxyzabc def', 'abcdefghijklmnopqrstuvwxyzabc'],
  ])('returns a valid name for %j', (name, suggestion) => {
    expect(suggestProjectName(name)).toBe(suggestion);
    expect(validateProjectName(suggestion)).toBeNull();
  });

  it.each(['2024', '???', '', '.zip'])('returns null when nothing valid is left of %j', (name) => {
    expect(suggestProjectName(name)).toBeNull();
  });
});

describe('validateProjectName', () => {
  it('returns null for a valid name', () => {
    expect(validateProjectName('helper-1')).toBeNull();
  });

  it('returns project.invalid_name naming the suggestion', () => {
    expect(validateProjectName('Helper (1)')).toEqual({
      code: 'project.invalid_name',
      level: 'error',
      where: 'project',
      message:
        'Project name "Helper (1)" must match ^[a-z][a-z0-9-]{0,29}$, not end with \'-\' and not contain \'--\'; "helper-1" would be valid.',
    });
  });

  it('returns project.invalid_name without a suggestion when none exists', () => {
    expect(validateProjectName('2024')?.message).toBe(
      "Project name \"2024\" must match ^[a-z][a-z0-9-]{0,29}$, not end with '-' and not contain '--'.",
    );
  });
});
