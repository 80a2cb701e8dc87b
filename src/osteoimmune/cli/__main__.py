"""``python -m osteoimmune.cli`` is the ``osteoimmune`` console script."""

from osteoimmune.cli.main import main

if __name__ == "__main__":
    main(prog_name="osteoimmune")
