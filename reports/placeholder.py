"""Placeholder PDFs for the demo: the real reports are not available to this project, so
the bootstrap makes a small text PDF for each that says plainly what it is. Real text in
a real PDF means extraction and search work end to end."""

from fpdf import FPDF

from network.facts import report_parts


def placeholder_pdf(title, owner, year):
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(owner)
    pdf.set_lang("nb")
    pdf.set_creator("Bærekraftsportalen")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(width, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    when = f"for {year}" if year else "uten årstall"
    for paragraph in (
        "Dette er en plassholder, ikke den ekte rapporten.",
        f"Den ekte rapporten fra {owner} {when} finnes ikke i denne demoen av portalen. "
        "Denne filen er laget automatisk, slik at tekstuttrekk og søk kan prøves ut.",
        "En bærekraftsrapport (ståstedsanalyse) fra en kommune i nettverket har disse ni delene:",
    ):
        pdf.multi_cell(width, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    for number, part in enumerate(report_parts(), start=1):
        pdf.multi_cell(width, 6, f"{number}. {part}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(
        width,
        6,
        "Plassholderteksten er skrevet for Bærekraftsportalens demo.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
