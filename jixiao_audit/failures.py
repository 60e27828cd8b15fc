"""Chinese one-line reasons for known classes of failure, so no refusal reads a bare 内部错误.

Used by every guard that turns an exception into a per-file error or a per-report finding.
"""

from __future__ import annotations

import decimal
import struct
import zlib

# (exception classes, reason); the first match wins, so narrower classes come first.
KNOWN_FAILURES: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((MemoryError,), "文件过大，处理时内存不足"),
    ((RecursionError,), "文档结构嵌套过深，无法处理"),
    ((zlib.error,), "压缩数据已损坏，无法解压（zlib 错误）"),
    ((UnicodeDecodeError,), "文字编码无效（不是有效的 UTF-8 等编码）"),
    ((decimal.Overflow, decimal.InvalidOperation, OverflowError), "数值超出可处理范围（数字位数过多）"),
    ((struct.error,), "文件内部结构已损坏"),
)


def known_reason(exc: BaseException) -> str | None:
    """The Chinese reason for a known failure class, or None."""
    for classes, reason in KNOWN_FAILURES:
        if isinstance(exc, classes):
            return reason
    return None


def failure_reason(exc: BaseException, what: str = "处理") -> str:
    """A one-line reason: the known class's, else `{what}时内部错误（Type: message）`."""
    reason = known_reason(exc)
    if reason is not None:
        return f"{reason}（{type(exc).__name__}）"
    text = " ".join(str(exc).split())[:200]
    return f"{what}时内部错误（{type(exc).__name__}{': ' + text if text else ''}）"
