// Recognition, certificates and the public register (issue #5): certificates.
export const certificates = {
};
