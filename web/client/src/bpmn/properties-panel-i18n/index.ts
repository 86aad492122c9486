import TranslatedGroupsProvider from './TranslatedGroupsProvider.js';

/** Lets the properties panel's own controls (list and section buttons) use the `translate` service. */
export default {
  __init__: ['translatedGroupsProvider'],
  translatedGroupsProvider: ['type', TranslatedGroupsProvider],
};
