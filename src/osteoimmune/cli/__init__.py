"""Command-line interface ``osteoimmune`` (an edge of the package: nothing inside osteoimmune imports it).

The commands are listed once, in :data:`osteoimmune.cli.registry.COMMANDS`;
:data:`osteoimmune.cli.main.main` is the click group the console script runs.
"""
