"""Charts drawn on the server as SVG, so a page and a board paper show the same picture.

Each chart has a title and is followed, wherever it is shown, by a table of its figures for
those who cannot see it.
"""

from __future__ import annotations

import io
from html import escape

from PIL import Image, ImageDraw, ImageFont

BAR_HEIGHT = 24
GAP = 8
LABEL_WIDTH = 260
CHART_WIDTH = 640
BAR_COLOUR = "#1d70b8"  # GOV.UK blue
TEXT_COLOUR = "#0b0c0c"


def horizontal_bar_chart(title: str, rows: list[tuple[str, int]], *, chart_id: str) -> str:
    """A bar a row, longest first as given; the SVG names itself by its title."""
    longest = max((value for _, value in rows), default=0) or 1
    bar_room = CHART_WIDTH - LABEL_WIDTH - 48
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" width="100%" class="app-chart" '
        f'font-family="arial, sans-serif" font-size="14">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(bar_room * value / longest)
        middle = y + BAR_HEIGHT / 2 + 5
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(label)}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"/>',
            f'<text x="{LABEL_WIDTH + width + 6}" y="{middle}" fill="{TEXT_COLOUR}">{value}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bar_chart_png(title: str, rows: list[tuple[str, int]], *, scale: int = 2) -> bytes:
    """The same chart as `horizontal_bar_chart`, as a PNG for Word documents."""
    longest = max((value for _, value in rows), default=0) or 1
    bar_room = CHART_WIDTH - LABEL_WIDTH - 48
    title_room = 28
    height = title_room + max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    image = Image.new("RGB", (CHART_WIDTH * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(14 * scale)
    bold = _font(15 * scale, bold=True)
    draw.text((8 * scale, 6 * scale), title, fill=TEXT_COLOUR, font=bold)
    for index, (label, value) in enumerate(rows):
        y = title_room + GAP + index * (BAR_HEIGHT + GAP)
        width = round(bar_room * value / longest)
        middle = (y + BAR_HEIGHT / 2) * scale
        draw.text(
            ((LABEL_WIDTH - 8) * scale, middle), label, fill=TEXT_COLOUR, font=font, anchor="rm"
        )
        draw.rectangle(
            [
                LABEL_WIDTH * scale,
                y * scale,
                (LABEL_WIDTH + width) * scale,
                (y + BAR_HEIGHT) * scale,
            ],
            fill=BAR_COLOUR,
        )
        draw.text(
            ((LABEL_WIDTH + width + 6) * scale, middle),
            str(value),
            fill=TEXT_COLOUR,
            font=font,
            anchor="lm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


FONT_FILES = {
    False: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT_FILES[bold], size)  # Arial's metric twin
    except OSError:
        return ImageFont.load_default(size)
