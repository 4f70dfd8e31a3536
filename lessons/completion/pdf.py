"""The 수료증 as an A4 PDF (reportlab): Korean always, English beside when the learner's
language is English; marked as a training record on every line that could be mistaken
for a bank's. The Korean font is ``settings.CERTIFICATE_FONT`` (a TrueType file, embedded),
else reportlab's built-in CID font, so a machine without the file still prints one.

The words are printed, not translated: a certificate reads the same whoever opens it,
so they are pairs here (Korean, English), not gettext strings."""

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas

KST = ZoneInfo("Asia/Seoul")
FALLBACK_FONT = "HYGothic-Medium"  # reportlab's own Korean CID font: never missing
WIDTH, HEIGHT = A4
MARGIN = 36
NAVY = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#555555")
MARK_FILL = colors.HexColor("#fff3cd")
MARK_LINE = colors.HexColor("#c9a227")

# What the certificate prints: (Korean, English); ``# i18n: printed`` marks each Korean line.
MARK = (
    "교육 수료 확인 · 실제 은행 문서가 아닙니다",  # i18n: printed
    "Training record — not a bank document",
)
TITLE = ("수 료 증", "Certificate of Completion")  # i18n: printed
STATEMENT = (
    "아래 사람이 모의 은행 포털의 교육 과정을 모두 마쳤음을 확인합니다.",  # i18n: printed
    "This confirms that the person named below completed the training course.",
)
LABELS = {
    "name": ("이름", "Name"),  # i18n: printed
    "lesson": ("과정", "Course"),  # i18n: printed
    "class": ("수업", "Class"),  # i18n: printed
    "trainer": ("강사", "Trainer"),  # i18n: printed
    "date": ("수료일", "Date"),  # i18n: printed
    "quiz": ("골든벨 점수", "Quiz score"),  # i18n: printed
    "tasks": ("마친 과제", "Tasks completed"),  # i18n: printed
    "id": ("수료증 번호", "Certificate ID"),  # i18n: printed
    "verify": ("진위 확인", "Verify"),  # i18n: printed
}
SELF_PACED = ("개인 연습", "Self-paced practice")  # i18n: printed
MORE_TASKS = ("외 {n}개", "and {n} more")  # i18n: printed
SIGNED = ("전자서명", "Digitally signed")  # i18n: printed
SIGNED_BY = "발급: {issuer} (교육용 모의 인증기관)"  # i18n: printed
SIGNED_BY_EN = "issued by {issuer} (a simulated training CA)"
SIGNATURE_NOTE = "서명 파일(.p7s, CMS)로 위·변조 여부를 확인할 수 있습니다."  # i18n: printed
SIGNATURE_NOTE_EN = "The signature file (.p7s, CMS) shows whether it was altered."
FOOTER = "SIM Training · 모의 은행 포털 — 교육용 기록입니다"  # i18n: printed
WATERMARK = "교육용 · TRAINING"  # i18n: printed


@dataclass(frozen=True)
class Document:
    """What a 수료증 says."""

    certificate_id: str
    learner_name: str
    lesson_title: str
    issued_at: datetime
    verify_url: str
    class_name: str = ""
    trainer_name: str = ""
    tasks_done: list[str] = field(default_factory=list)
    quiz_score: str = ""
    english: bool = False
    signer_name: str = ""
    issuer_name: str = ""


def korean_fonts(path: str | None) -> tuple[str, str]:
    """The registered (regular, bold) font names: the TrueType file at ``path`` (its
    ``…Bold.ttf`` beside for the bold, when there is one), else the CID font."""
    regular = _truetype(path)
    if regular is None:
        if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
        return FALLBACK_FONT, FALLBACK_FONT
    bold_path = str(path).removesuffix(".ttf") + "Bold.ttf"
    return regular, _truetype(bold_path) or regular


def _truetype(path: str | None) -> str | None:
    if not path or not Path(path).is_file():
        return None
    name = f"Certificate-{Path(path).stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(name, path))
        except (TTFError, OSError, ValueError):
            return None
    return name


def render(document: Document, *, font_path: str | None = None) -> bytes:
    """The A4 PDF's bytes."""
    regular, bold = korean_fonts(font_path)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    _metadata(page, document)
    painter = _Painter(page, document, regular, bold)
    painter.frame()
    painter.header()
    y = painter.fields(HEIGHT - 280)
    painter.tasks(y - 14)
    painter.footer()
    page.showPage()
    page.save()
    return buffer.getvalue()


def _metadata(page: canvas.Canvas, document: Document) -> None:
    page.setTitle(f"{TITLE[0]} · {document.learner_name} · {document.lesson_title}")
    page.setAuthor("SIM Training")
    page.setSubject(f"{MARK[0]} / {MARK[1]}")
    page.setCreator("bank-portal (training)")
    page.setKeywords([document.certificate_id, document.verify_url])


def _pair(pair: tuple[str, str], english: bool, sep: str = " / ") -> str:
    return f"{pair[0]}{sep}{pair[1]}" if english else pair[0]


def split(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: at spaces, and inside a word (a long
    Korean name, an address) where one alone is wider."""
    lines = []
    for line in simpleSplit(text, font, size, width) or [""]:
        while len(line) > 1 and pdfmetrics.stringWidth(line, font, size) > width:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _date(moment: datetime, english: bool) -> str:
    local = moment.astimezone(KST)
    korean = f"{local.year}년 {local.month}월 {local.day}일 {local:%H:%M} (KST)"  # i18n: printed
    return f"{korean} / {local:%d %b %Y}" if english else korean


class _Painter:
    """Draws one certificate on ``page``: the y coordinates count from the bottom."""

    def __init__(self, page: canvas.Canvas, document: Document, regular: str, bold: str):
        self.page, self.doc, self.regular, self.bold = page, document, regular, bold
        self.english = document.english

    def text(self, x, y, text, *, size=11, bold=False, color=colors.black, align="left"):
        self.page.setFont(self.bold if bold else self.regular, size)
        self.page.setFillColor(color)
        draw = {
            "left": self.page.drawString,
            "center": self.page.drawCentredString,
            "right": self.page.drawRightString,
        }[align]
        draw(x, y, text)

    def wrapped(self, x, y, text, width, *, size=11, bold=False, leading=None, color=None):
        """``text`` over as many lines as ``width`` needs; returns the y below it."""
        leading = leading or size * 1.35
        font = self.bold if bold else self.regular
        for line in split(text, font, size, width):
            self.text(x, y, line, size=size, bold=bold, color=color or colors.black)
            y -= leading
        return y

    def frame(self) -> None:
        page = self.page
        page.saveState()
        page.setFillColor(colors.HexColor("#f1f3f7"))
        page.setFont(self.bold, 54)
        page.translate(WIDTH / 2, HEIGHT / 2 - 40)
        page.rotate(32)
        page.drawCentredString(0, 0, WATERMARK)
        page.restoreState()
        page.setStrokeColor(NAVY)
        page.setLineWidth(2.2)
        page.rect(MARGIN - 10, MARGIN - 10, WIDTH - 2 * (MARGIN - 10), HEIGHT - 2 * (MARGIN - 10))
        page.setLineWidth(0.6)
        page.rect(MARGIN - 5, MARGIN - 5, WIDTH - 2 * (MARGIN - 5), HEIGHT - 2 * (MARGIN - 5))

    def header(self) -> None:
        page, top = self.page, HEIGHT - MARGIN - 12
        page.setFillColor(MARK_FILL)
        page.setStrokeColor(MARK_LINE)
        page.setLineWidth(1)
        page.roundRect(MARGIN + 20, top - 40, WIDTH - 2 * MARGIN - 40, 40, 6, fill=1, stroke=1)
        self.text(WIDTH / 2, top - 18, MARK[0], size=13, bold=True, align="center")
        self.text(WIDTH / 2, top - 33, MARK[1], size=9.5, color=MUTED, align="center")
        self.text(WIDTH / 2, top - 110, TITLE[0], size=42, bold=True, color=NAVY, align="center")
        y = top - 138
        if self.english:
            self.text(WIDTH / 2, y, TITLE[1], size=17, color=NAVY, align="center")
            y -= 26
        else:
            y -= 8
        self.text(WIDTH / 2, y, STATEMENT[0], size=11.5, align="center")
        if self.english:
            self.text(WIDTH / 2, y - 16, STATEMENT[1], size=9.5, color=MUTED, align="center")

    def fields(self, y: float) -> float:
        doc, label_x, value_x = self.doc, MARGIN + 50, MARGIN + 170
        rows = [
            ("name", doc.learner_name, 17),
            ("lesson", doc.lesson_title, 12),
            ("class", doc.class_name or _pair(SELF_PACED, self.english, " · "), 12),
            ("trainer", doc.trainer_name or "—", 12),
            ("date", _date(doc.issued_at, self.english), 12),
        ]
        if doc.quiz_score:
            rows.append(("quiz", doc.quiz_score, 12))
        width = WIDTH - MARGIN - 50 - value_x
        for key, value, size in rows:
            self.text(label_x, y, LABELS[key][0], size=11, bold=True, color=NAVY)
            if self.english:
                self.text(label_x, y - 12, LABELS[key][1], size=8.5, color=MUTED)
            below = self.wrapped(value_x, y, value, width, size=size, bold=key == "name")
            y = min(below, y - (26 if self.english else 20)) - 6
        return y

    def tasks(self, y: float) -> None:
        """The tasks done, numbered, down to where the signature block begins."""
        floor, x, width = 230, MARGIN + 50, WIDTH - 2 * MARGIN - 100
        self.text(x, y, _pair(LABELS["tasks"], self.english), size=11, bold=True, color=NAVY)
        y -= 18
        tasks = self.doc.tasks_done or ["—"]
        for number, task in enumerate(tasks, 1):
            lines = split(f"{number}. {task}", self.regular, 10, width)
            if y - 14 * len(lines) < floor and number < len(tasks):
                rest = MORE_TASKS[1 if self.english else 0].format(n=len(tasks) - number + 1)
                self.text(x + 12, y, f"… {rest}", size=10, color=MUTED)
                return
            for line in lines:
                self.text(x + 12, y, line, size=10)
                y -= 14

    def footer(self) -> None:
        page, doc = self.page, self.doc
        page.setStrokeColor(NAVY)
        page.setLineWidth(0.6)
        page.line(MARGIN + 20, 215, WIDTH - MARGIN - 20, 215)
        size = 112
        qr_x, qr_y = WIDTH - MARGIN - 30 - size, 78
        self._qr(doc.verify_url, qr_x, qr_y, size)
        self.text(qr_x + size / 2, qr_y - 8, _pair(LABELS["verify"], self.english), size=9,
                  bold=True, color=NAVY, align="center")  # fmt: skip
        x, width = MARGIN + 30, qr_x - MARGIN - 45
        y = self.wrapped(x, 196, _pair(SIGNED, self.english), width, size=11, bold=True)
        y = self.wrapped(x, y, doc.signer_name, width, size=10.5)
        issuer = doc.issuer_name or "yessignCA-SIM Class 3"
        y = self.wrapped(x, y, SIGNED_BY.format(issuer=issuer), width, size=9, color=MUTED)
        if self.english:
            y = self.wrapped(x, y, SIGNED_BY_EN.format(issuer=issuer), width, size=8.5, color=MUTED)
        y = self.wrapped(x, y - 2, SIGNATURE_NOTE, width, size=8.5, color=MUTED)
        if self.english:
            y = self.wrapped(x, y, SIGNATURE_NOTE_EN, width, size=8.5, color=MUTED)
        y = self.wrapped(x, y - 4, _pair(LABELS["id"], self.english), width, size=9, bold=True)
        y = self.wrapped(x, y, doc.certificate_id, width, size=9)
        self.wrapped(x, y, doc.verify_url, width, size=7.5, color=MUTED, leading=9.5)
        self.text(WIDTH / 2, MARGIN + 4, FOOTER, size=8, color=MUTED, align="center")

    def _qr(self, url: str, x: float, y: float, size: float) -> None:
        widget = QrCodeWidget(url, barLevel="M", barBorder=2)
        left, bottom, right, top = widget.getBounds()
        width, height = right - left, top - bottom
        drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, self.page, x, y)
