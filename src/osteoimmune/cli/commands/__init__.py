"""One module per CLI command (or family of commands); registered in :mod:`osteoimmune.cli.registry`."""
