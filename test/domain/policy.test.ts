import { describe, expect, it } from 'vitest';
import { can, exemptScope, PUBLIC_VIEWER, type Viewer } from '../../src/domain/policy.js';

const councillor: Viewer = { kind: 'user', userId: 1, role: 'councillor', personId: 10, bodyIds: [1], grantedMeetingIds: [99] };
const clerk: Viewer = { kind: 'user', userId: 2, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] };
const author: Viewer = { kind: 'user', userId: 3, role: 'report-author', personId: 20, bodyIds: [], grantedMeetingIds: [] };

describe('policy', () => {
  it('never shows exempt content to the public', () => {
    expect(can(PUBLIC_VIEWER, 'view', { bodyId: 1, meetingId: 5, exempt: true })).toBe(false);
    expect(can(PUBLIC_VIEWER, 'download', { bodyId: 1, meetingId: 5, exempt: true })).toBe(false);
    expect(can(PUBLIC_VIEWER, 'view', { bodyId: 1, meetingId: 5, exempt: false })).toBe(true);
    expect(exemptScope(PUBLIC_VIEWER)).toEqual({ all: false, bodyIds: [], meetingIds: [] });
  });

  it('shows exempt papers to councillors of the body, or of a granted meeting, only', () => {
    expect(can(councillor, 'view', { bodyId: 1, meetingId: 5, exempt: true })).toBe(true);
    expect(can(councillor, 'view', { bodyId: 2, meetingId: 6, exempt: true })).toBe(false);
    expect(can(councillor, 'view', { bodyId: 2, meetingId: 99, exempt: true })).toBe(true);
    expect(can(councillor, 'manage-record')).toBe(false);
  });

  it('lets Democratic Services see and manage everything, and report authors only their own drafts', () => {
    expect(can(clerk, 'view', { bodyId: 2, meetingId: 6, exempt: true })).toBe(true);
    expect(can(clerk, 'publish')).toBe(true);
    expect(can(author, 'view', { bodyId: 2, meetingId: 6, exempt: false, published: false, authorPersonId: 20 })).toBe(true);
    expect(can(author, 'view', { bodyId: 2, meetingId: 6, exempt: false, published: false, authorPersonId: 21 })).toBe(false);
    expect(can(PUBLIC_VIEWER, 'view', { bodyId: 2, meetingId: 6, exempt: false, published: false })).toBe(false);
    expect(can(author, 'manage-users')).toBe(false);
  });
});
