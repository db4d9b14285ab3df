"""``python -m aipm_tracker`` runs the ``aipm`` command line."""

import gc

# A command lives well under a second and its objects (imported modules, validated
# models) live until it exits; the cyclic garbage collector would only walk them over
# and over while they are built. Reference counting still frees everything acyclic.
gc.disable()

from .cli import app  # noqa: E402


def main() -> None:
    """Entry point of the ``aipm`` console script."""
    app(prog_name="aipm")


if __name__ == "__main__":
    main()
