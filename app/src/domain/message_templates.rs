//! Message templates: the shipped texts per kind and language, their variables and rendering.
