// Recognition, certificates and the public register (issue #5): complaints.
export const complaints = {
};
