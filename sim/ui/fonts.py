"""Pick a font that has Chinese glyphs, so charts in zh-CN show no empty boxes.

Debian's ``fonts-wqy-microhei`` (installed by ``.ci/run``; ``sudo apt-get install
fonts-wqy-microhei`` elsewhere) or Noto Sans CJK are looked for; the first found
leads the sans-serif list, with DejaVu Sans after it for Latin text.
"""

from __future__ import annotations

import matplotlib
from matplotlib import font_manager

CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)


def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def configure_fonts() -> str | None:
    """Put a CJK font first in matplotlib's sans-serif list; return its name (None when none is installed)."""
    found = cjk_font()
    if found is not None:
        current = [f for f in matplotlib.rcParams["font.sans-serif"] if f != found]
        matplotlib.rcParams["font.sans-serif"] = [found, *current]
        matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # the minus sign many CJK fonts lack
    return found
