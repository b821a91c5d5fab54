// Recognition, certificates and the public register (issue #5): nominations.
export const nominations = {
};
