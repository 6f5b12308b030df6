// The objects of a custom-elements.json module that name another module (`{ name, module }`): the
// manifest config rewrites them to shipped files, and the consumer tests check they are shipped.
export function referencesOf(module) {
  const found = [];
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      if (typeof value.module === 'string') found.push(value);
      Object.values(value).forEach(visit);
    }
  };
  visit(module.declarations);
  visit(module.exports);
  return found;
}
