// Judging (issue #4): rubric.
export const rubric = {
};
