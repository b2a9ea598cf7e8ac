"""Draw static/share.png, the default picture of a shared link (Open Graph, 1200 × 630).

Run: .venv/bin/python scripts/share_image/make.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1200, 630
BACKGROUND, ACCENT, TEXT = "#0b5563", "#f2c14e", "#ffffff"
# Debian's fonts-dejavu-core (Pillow's built-in font has no ä, ö or å).
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def main():
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=ACCENT)
    title = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 88)
    line = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 38)
    draw.text((80, 150), "Ryhmähaku", font=title, fill=TEXT)
    draw.text((80, 260), "Gruppsök", font=title, fill=ACCENT)
    draw.text((80, 410), "Matalan kynnyksen ryhmät – Keski-Pohjanmaa", font=line, fill=TEXT)
    draw.text((80, 470), "Lågtröskelgrupper – Mellersta Österbotten", font=line, fill=TEXT)
    image.save(ROOT / "static" / "share.png", optimize=True)


if __name__ == "__main__":
    main()
