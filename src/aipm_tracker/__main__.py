"""``python -m aipm_tracker`` runs the ``aipm`` command line."""

from .cli import app


def main() -> None:
    """Entry point of the ``aipm`` console script."""
    app(prog_name="aipm")


if __name__ == "__main__":
    main()
