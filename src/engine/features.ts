/** Engine features that register behaviours, commands and hooks when imported. */
export {};
