// The shift presets (day/night, 2/2, weekly) live in shared/, so the roster editor and the
// station build rotations with the same code.
export { dayNightRotation, twoTwoRotation, weeklyRotation } from '../../../shared/plans/roster-patterns.js';
