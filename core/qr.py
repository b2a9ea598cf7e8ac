"""QR codes as ``data:`` URIs: a small PNG for print (the brochure), an SVG for the screen (two-factor setup)."""

import base64
import io

import qrcode
import qrcode.image.svg


def _code(text, **options):
    """The QR code of ``text``: medium error correction (survives a crease), a quiet zone of two."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, **options)
    code.add_data(text)
    code.make(fit=True)
    return code


def qr_png_data_uri(text):
    """One pixel per module (the stylesheet scales it up without smoothing), as a PNG ``data:`` URI."""
    from PIL import Image

    matrix = _code(text).get_matrix()  # rows of booleans, True is a dark module, with the quiet zone
    image = Image.new("1", (len(matrix), len(matrix)))
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def qr_svg_data_uri(text):
    """An SVG path, twelve units per module, as an SVG ``data:`` URI."""
    image = _code(text, box_size=12, image_factory=qrcode.image.svg.SvgPathFillImage).make_image()
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")
