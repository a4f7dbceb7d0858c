"""The catalog's entries, one module per group of the browser."""
