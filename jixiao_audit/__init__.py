"""jixiao-audit: read and audit Chinese performance self-evaluation reports.

An installed wheel holds extract/, normalize/ and audit/ inside this package. In a source
checkout they sit beside it at the repository's top level (the design card's layout), so the
package also looks there; both resolve `jixiao_audit.extract` to the same files.
"""

from pathlib import Path as _Path

_CHECKOUT = _Path(__file__).resolve().parent.parent
if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "extract" / "__init__.py").is_file():
    __path__.append(str(_CHECKOUT))


def load(paths, **options):
    """Read and audit `paths`; `.reports` and `.findings` as pandas DataFrames (see `jixiao_audit.frames`)."""
    from jixiao_audit.frames import load as _load

    return _load(paths, **options)
