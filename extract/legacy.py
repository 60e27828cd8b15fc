"""Old Word/WPS/RTF/ODT files: converted to .docx by LibreOffice headless, then read as .docx
(and old spreadsheets, .xls/.et/.ods, converted to .xlsx for extract/xlsx_reader.py).

Each conversion runs in its own temporary directory with a private LibreOffice profile
(`-env:UserInstallation`), so parallel conversions never share a lock or a profile; the
directory is removed afterwards whatever happens.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jixiao_audit.extract.raw import ExtractError, RawDocument

CONVERT_TIMEOUT_SECONDS = 120  # a report converts in 1–5 s; a hung soffice must not hang a batch
SOFFICE_NAMES = ("soffice", "libreoffice")
MISSING_SOFFICE = "需要安装 LibreOffice（soffice）才能读取 .doc/.wps/.rtf/.odt 文件"
MISSING_SOFFICE_SHEET = "需要安装 LibreOffice（soffice）才能读取 .xls/.et/.ods 文件"
KILL_WAIT_SECONDS = 5  # after SIGKILL to the process group, how long to wait for the launcher to exit
STOP_WAIT_SECONDS = (
    1.0  # a worker being stopped waits this long for its LibreOffice to die before cleaning up
)
SCRATCH_PREFIX = "jixiao-legacy-"  # + the pid of the process that made it, so its parent can clean up

# LibreOffice process groups alive in this process, so a worker told to stop (SIGTERM) can kill
# soffice.bin (not only the oosplash launcher) before it removes its files.
ACTIVE_GROUPS: set[int] = set()


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def soffice_command(soffice: str, source: Path, outdir: Path, profile: Path, target: str) -> list[str]:
    """The headless conversion command line (private profile, no restore/lock dialogs)."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(source),
    ]


def convert_with_soffice(
    source: Path, workdir: Path, target: str, timeout: float = CONVERT_TIMEOUT_SECONDS
) -> Path:
    """Convert `source` with LibreOffice into `workdir/out`; returns the converted file.

    `target` is a --convert-to value ("docx", "pdf", "doc:MS Word 97"); raises ExtractError.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ExtractError(MISSING_SOFFICE)
    outdir, profile, scratch = workdir / "out", workdir / "profile", workdir / "tmp"
    outdir.mkdir(parents=True, exist_ok=True)
    scratch.mkdir(exist_ok=True)
    command = soffice_command(soffice, source, outdir, profile, target)
    # LibreOffice's own temporary files (lu*.tmp) go inside workdir, so removing workdir removes
    # them even when soffice is killed mid-conversion.
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp", "TMPDIR": str(scratch)}
    try:
        done = run_in_own_group(command, env, timeout)
    except subprocess.TimeoutExpired:
        raise ExtractError(f"LibreOffice 转换超时（超过 {int(timeout)} 秒），文件可能已损坏") from None
    except OSError as exc:
        raise ExtractError(f"无法启动 LibreOffice（{exc.strerror or exc}）") from None
    extension = target.split(":", 1)[0]
    produced = outdir / f"{source.stem}.{extension}"
    if done.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
        detail = _last_line(done.stderr) or _last_line(done.stdout) or f"退出码 {done.returncode}"
        raise ExtractError(f"LibreOffice 无法转换该文件，可能已损坏或格式不受支持（{detail}）")
    return produced


def run_in_own_group(command: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run LibreOffice in a process group of its own and kill the whole group when it is done,
    timed out or interrupted: soffice.bin outlives its oosplash launcher otherwise."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        # The worker's address-space cap is for Python, not soffice; workers are single-threaded.
        preexec_fn=lift_memory_cap if memory_capped() else None,  # noqa: PLW1509
    )
    ACTIVE_GROUPS.add(process.pid)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    finally:
        kill_group(process.pid)
        ACTIVE_GROUPS.discard(process.pid)
        try:
            process.communicate(timeout=KILL_WAIT_SECONDS)
        except (subprocess.TimeoutExpired, ValueError, OSError):
            pass


def memory_capped() -> bool:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    return soft != hard


def lift_memory_cap() -> None:
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def stop_conversions() -> None:
    """Kill every LibreOffice started here and remove its temporary files (a worker being stopped).

    The files go only once the group is gone: a dying soffice still writes into its folder, which
    would outlive a removal that raced it."""
    groups = list(ACTIVE_GROUPS)
    for pgid in groups:
        kill_group(pgid)
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    while any(group_alive(pgid) for pgid in groups) and time.monotonic() < deadline:
        time.sleep(0.02)
    remove_scratch(os.getpid())  # this process's folders, also one made a moment ago and not yet listed


def group_alive(pgid: int) -> bool:
    """Whether any process of the group is left (reaping the launcher, our child, if it has exited)."""
    try:
        os.waitpid(pgid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def scratch_prefix(pid: int) -> str:
    return f"{SCRATCH_PREFIX}{pid}-"


def remove_scratch(pid: int) -> None:
    """Remove the temporary folders process `pid` made for conversions: its own when it is being
    stopped, or a killed worker's (its parent calls this, as the worker cannot)."""
    for directory in Path(tempfile.gettempdir()).glob(scratch_prefix(pid) + "*"):
        shutil.rmtree(directory, ignore_errors=True)


def _last_line(output: bytes) -> str:
    lines = [ln.strip() for ln in output.decode("utf-8", "replace").splitlines() if ln.strip()]
    lines = [ln for ln in lines if "javaldx" not in ln]  # harmless noise on systems without Java
    return lines[-1][:120] if lines else ""


def legacy_format(path: Path) -> str:
    """The format recorded for a converted file: its own suffix (an OLE file named .docx is "doc")."""
    suffix = path.suffix.lower().lstrip(".")
    return "doc" if suffix in ("docx", "docm") else suffix or "doc"


def read_legacy(path: str | Path) -> RawDocument:
    """Read a .doc/.wps/.rtf/.odt file by converting it to .docx; raises ExtractError."""
    from jixiao_audit.extract.docx_reader import read_docx

    path = Path(path)
    fmt = legacy_format(path)
    return read_converted(path, fmt, fmt, "docx", read_docx, MISSING_SOFFICE)


def read_converted(
    path: Path, fmt: str, copy_as: str, target: str, reader: Callable[[Path], RawDocument], missing: str
) -> RawDocument:
    """Convert `path` (copied as input.`copy_as`) to `target` with LibreOffice and read the result
    with `reader`; the document keeps the original's name and `fmt`. Raises ExtractError."""
    if find_soffice() is None:
        raise ExtractError(missing)
    with tempfile.TemporaryDirectory(prefix=scratch_prefix(os.getpid())) as tmp:
        workdir = Path(tmp)
        # A plain ASCII copy: odd names (spaces, leading dashes) never reach the command line.
        source = workdir / f"input.{copy_as}"
        shutil.copyfile(path, source)
        converted = convert_with_soffice(source, workdir, target)
        raw = reader(converted)
    raw.file = str(path)
    raw.format = fmt
    return raw
