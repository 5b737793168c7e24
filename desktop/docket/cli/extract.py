"""``docket inspect --extract DIR``: a verified bundle's parts as files, for an auditor
(or ``minisign -V`` on the manifest).

What is written is decrypted plaintext, and the bundle may come from anyone, so:

- only into a folder that is new (created readable by its owner only, 0700) or empty
  (then made 0700); a folder with anything in it is refused, so nothing already there is
  overwritten and no link planted there is used;
- every file is created new (``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600) relative to the
  folder opened once (``O_DIRECTORY | O_NOFOLLOW``): a symbolic link put in the folder,
  or the folder swapped for a link, while extracting is never followed; on any failure
  the files written so far are removed;
- file names are fixed: the container's allow-listed section names and ``signer.pub``,
  never a name or path taken from the bundle.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from docket.bundles import container
from docket.errors import OutputFileError

FILE_NAMES = frozenset({*container.SECTION_LIMITS, "signer.pub"})
"""Every name a file may be extracted under."""
FOLDER_MODE, FILE_MODE = 0o700, 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_AT_FOLDER = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
"""Whether files can be created relative to an open folder (POSIX; not Windows)."""


def extract(
    folder: Path, files: Mapping[str, bytes], *, before_writing: Callable[[], None] | None = None
) -> None:
    """Write ``files`` (allow-listed names) into the new or empty ``folder``;
    ``before_writing`` runs once the folder is ready (to say that plaintext follows)."""
    bad = sorted(name for name in files if name not in FILE_NAMES)
    if bad:
        raise ValueError(f"not an extractable file name: {bad}")
    dir_fd = open_empty_folder(folder)
    written: list[str] = []
    try:
        if before_writing is not None:
            before_writing()
        for name, data in files.items():
            write_new(folder, dir_fd, name, data)
            written.append(name)
    except BaseException:
        for name in written:
            with contextlib.suppress(OSError):
                _remove(folder, dir_fd, name)
        raise
    finally:
        if dir_fd is not None:
            os.close(dir_fd)


def open_empty_folder(folder: Path) -> int | None:
    """Create ``folder`` (0700), or accept it if it is an empty folder (made 0700); the
    open folder's descriptor where the platform creates files relative to one."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(folder, FOLDER_MODE)
    except FileExistsError:
        pass
    except OSError as exc:
        raise OutputFileError(f"Could not create {folder}: {exc.strerror or exc}.") from None
    try:
        info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode):
            raise _refused(folder, "is a symbolic link")
        if not stat.S_ISDIR(info.st_mode):
            raise _refused(folder, "is a file, not a folder")
        if not _AT_FOLDER:  # pragma: no cover - Windows
            if any(folder.iterdir()):
                raise _refused(folder, "is not empty")
            return None
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW)
    except OSError as exc:
        raise OutputFileError(f"Could not open {folder}: {exc.strerror or exc}.") from None
    try:
        opened = os.fstat(dir_fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise _refused(folder, "was replaced while it was being opened")
        if os.listdir(dir_fd):
            raise _refused(folder, "is not empty")
        os.fchmod(dir_fd, FOLDER_MODE)
    except BaseException as exc:
        os.close(dir_fd)
        if isinstance(exc, OSError):
            raise OutputFileError(f"Could not use {folder}: {exc.strerror or exc}.") from None
        raise
    return dir_fd


def write_new(folder: Path, dir_fd: int | None, name: str, data: bytes) -> None:
    """Create ``name`` in the folder, new, owner-only; never through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    try:
        if dir_fd is None:  # pragma: no cover - Windows
            fd = os.open(folder / name, flags, FILE_MODE)
        else:
            fd = os.open(name, flags, FILE_MODE, dir_fd=dir_fd)
    except FileExistsError:
        raise OutputFileError(
            f"{folder / name} appeared while extracting: something else writes into "
            f"{folder}. It was neither followed nor overwritten; the files extracted so far "
            "were removed.",
            hint="Extract into a new folder that only you can write to.",
        ) from None
    except OSError as exc:
        raise OutputFileError(f"Could not write {folder / name}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            _remove(folder, dir_fd, name)
        raise OutputFileError(f"Could not write {folder / name}: {exc.strerror or exc}.") from None


def _remove(folder: Path, dir_fd: int | None, name: str) -> None:
    if dir_fd is None:  # pragma: no cover - Windows
        (folder / name).unlink()
    else:
        os.unlink(name, dir_fd=dir_fd)


def _refused(folder: Path, why: str) -> OutputFileError:
    return OutputFileError(
        f"{folder} {why}: --extract writes decrypted files only into a new or empty folder. "
        "Nothing was written.",
        hint="Give --extract a new folder name (it is created readable only by you).",
    )
