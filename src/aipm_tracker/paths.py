"""Where files live. The only module that knows.

- The data dir is platformdirs' user data dir for ``aipm-tracker`` (on Linux
  ``~/.local/share/aipm-tracker``), overridden by ``--data-dir`` or ``AIPM_DATA_DIR``.
- Progress files are ``<data dir>/progress/<curriculum id>.json``: one per curriculum,
  so the user's own curriculum never mixes with the bundled one, and a new version of
  the same curriculum keeps the same file. Their backups are
  ``<data dir>/progress/backups/<curriculum id>/<UTC time ID>.json``.
- The curriculum is ``--curriculum`` / ``AIPM_CURRICULUM`` if given, else the one
  bundled in the package (found with importlib.resources, so it works from a wheel).
- The cache of validated files is platformdirs' user cache dir for ``aipm-tracker``
  (on Linux ``~/.cache/aipm-tracker``), overridden by ``AIPM_CACHE_DIR``. Nothing in it
  is precious: it can be deleted at any time.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext
from importlib import resources
from pathlib import Path

APP_NAME = "aipm-tracker"
DATA_DIR_ENV = "AIPM_DATA_DIR"
CURRICULUM_ENV = "AIPM_CURRICULUM"
CACHE_DIR_ENV = "AIPM_CACHE_DIR"
BUNDLED_CURRICULUM = "curriculum.yaml"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory holding the user's progress files (not created here).

    Order: ``override`` (the ``--data-dir`` option), then ``$AIPM_DATA_DIR``, then the
    platformdirs user data dir. Returns an absolute path.
    """
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The directory of the cache of validated files (not created here):
    ``$AIPM_CACHE_DIR``, else the platformdirs user cache dir."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def progress_file(directory: Path, curriculum_id: str) -> Path:
    """The progress file of curriculum ``curriculum_id`` inside ``directory``."""
    return directory / "progress" / f"{curriculum_id}.json"


def backup_dir(directory: Path, curriculum_id: str) -> Path:
    """Where the backups of curriculum ``curriculum_id``'s progress file live inside
    ``directory``: ``<data dir>/progress/backups/<curriculum id>/``."""
    return directory / "progress" / "backups" / curriculum_id


def job_file(job_id: str) -> str:
    """Where the text of saved job ``job_id`` lives, relative to the directory of the
    progress files: ``jobs/<ID>.txt`` (IDs are digests of the text, so progress files
    of two curricula can share one)."""
    return f"jobs/{job_id}.txt"


def curriculum_override(override: str | os.PathLike[str] | None = None) -> Path | None:
    """The user's own curriculum file, from ``--curriculum`` or ``$AIPM_CURRICULUM``,
    or None to use the bundled one."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CURRICULUM_ENV)
    return Path(env).expanduser() if env else None


def bundled_curriculum() -> AbstractContextManager[Path]:
    """A context manager giving a real filesystem path to the bundled curriculum.

    The file ships inside the wheel as ``aipm_tracker/data/curriculum.yaml`` (copied
    there from the repository's ``data/curriculum.yaml`` by the build). An editable
    install runs from the source tree, where the build never copied it, so the
    repository's file is used then.
    """
    ref = resources.files("aipm_tracker").joinpath("data", BUNDLED_CURRICULUM)
    if not ref.is_file():
        source_tree = Path(__file__).resolve().parents[2] / "data" / BUNDLED_CURRICULUM
        if source_tree.is_file():
            return nullcontext(source_tree)
    return resources.as_file(ref)


def for_display(path: Path) -> str:
    """``path`` as shown to other people (e.g. in an exported report): under the home
    directory as ``~/...``, so a shared report does not reveal the user's home path.
    Always valid text: a byte of the file name that is not UTF-8 (which Python keeps
    as a lone surrogate no UTF-8 file or terminal can take) is shown as ``\\xff``."""
    try:
        shown = "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        shown = str(path)
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
