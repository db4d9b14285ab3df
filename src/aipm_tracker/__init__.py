"""aipm-tracker: a skills-gap tracker for people on their way to an AI project-manager role."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aipm-tracker")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
