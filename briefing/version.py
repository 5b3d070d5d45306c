"""The package's version, in a module of its own: hatch reads it here when building, and every
module that names the version imports it from here rather than from the package's `__init__`
(which imports the whole pipeline)."""

__version__ = "0.1.0"
