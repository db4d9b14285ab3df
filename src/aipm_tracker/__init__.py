"""aipm-tracker: a skills-gap tracker for people on their way to an AI project-manager role."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # ``__version__`` is looked up in the installed package's metadata only when asked
    # for (``aipm --version``, the cache key): the lookup scans sys.path, a cost every
    # command would otherwise pay at start-up.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("aipm-tracker")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
