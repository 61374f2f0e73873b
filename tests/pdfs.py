"""Real PDF files for the tests, made with fpdf2: no binaries are committed."""

import io

from fpdf import FPDF
from PIL import Image


def text_pdf(pages, lines=("Kommunen måler framgang på bærekraftsmålene.",), password=None):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Side {number}. {text}", new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password="eier-" + password, user_password=password)
    return bytes(pdf.output())


def image_only_pdf():
    """Like a scanned report: pages that hold a picture and no text."""
    picture = io.BytesIO()
    Image.new("RGB", (200, 120), (40, 120, 60)).save(picture, format="PNG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(picture.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def corrupt_pdf():
    """The first half of a real PDF: the header is right, the rest is missing."""
    data = text_pdf(["Denne filen blir kuttet."])
    return data[: len(data) // 2]
