// Recognition, certificates and the public register (issue #5): register.
export const register = {
};
