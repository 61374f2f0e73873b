"""Which PDF library extracts report text fastest? Prints pages per second for each
library tried, on a generated 100-page text PDF (Norwegian text, æ/ø/å included).

    .venv/bin/python bench/pdf_extraction.py [--pages 100] [--repeat 5]

The numbers behind the choice in reports/extraction.py are in bench/results/."""

import argparse
import io
import platform
import statistics
import time

import pypdf
import pypdfium2
from fpdf import FPDF

WORDS = (
    "kommunen jobber med bærekraftsmålene i planer og budsjett og måler framgangen med "
    "indikatorer for klima, folkehelse, matsvinn, anskaffelser og økonomi, og rapporten "
    "viser hvor langt vi har kommet og hva som gjenstår før målene nås i 2030"
).split()


def make_pdf(pages):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for number in range(pages):
        pdf.add_page()
        # About 3,000 characters a page, like a dense report page.
        text = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(450))
        pdf.multi_cell(0, 5, f"Side {number + 1}. {text}")
    return bytes(pdf.output())


def with_pypdf(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages]


def with_pypdfium2(data):
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


LIBRARIES = {
    f"pypdf {pypdf.__version__}": with_pypdf,
    f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO}": with_pypdfium2,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    data = make_pdf(args.pages)
    print(f"{args.pages}-page PDF, {len(data) / 1024:.0f} KiB; Python {platform.python_version()}")
    print(f"{'library':<40} {'median s':>9} {'pages/s':>9} {'chars':>9}  æøå kept")
    for name, extract in LIBRARIES.items():
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            texts = extract(data)
            timings.append(time.perf_counter() - start)
        median = statistics.median(timings)
        text = "\n".join(texts)
        kept = all(letter in text for letter in "æøå")
        print(f"{name:<40} {median:>9.3f} {args.pages / median:>9.0f} {len(text):>9}  {kept}")


if __name__ == "__main__":
    main()
