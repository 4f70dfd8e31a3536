"""The 수료증 pages' forms: the name to print, and a PDF to check against its record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.layouts import form_helper

UPLOAD_MAX_BYTES = 2 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class IssueForm(forms.Form):
    learner_name = forms.CharField(
        label=_("수료증에 적을 이름"),
        max_length=40,
        help_text=_("연습에 쓴 가상 인물의 이름 대신 본인 이름을 적어도 됩니다."),
        error_messages={
            "required": _("수료증에 적을 이름을 입력하세요."),
            "max_length": _("이름은 40자까지 적을 수 있습니다."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("learner_name")


class UploadForm(forms.Form):
    upload = forms.FileField(
        label=_("확인할 수료증 PDF"),
        help_text=_("이 사이트에서 받은 PDF 파일 (2MB 이하)"),
        error_messages={
            "required": _("확인할 PDF 파일을 선택하세요."),
            "empty": _("빈 파일입니다. 수료증 PDF를 선택하세요."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("upload")

    def clean_upload(self) -> bytes:
        """The uploaded bytes: at most 2 MB, and a PDF's."""
        upload = self.cleaned_data["upload"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("파일이 너무 큽니다. 2MB 이하의 PDF만 확인할 수 있습니다."), code="too_large"
            )
        data = upload.read(UPLOAD_MAX_BYTES + 1)
        if len(data) > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("파일이 너무 큽니다. 2MB 이하의 PDF만 확인할 수 있습니다."), code="too_large"
            )
        if not data.startswith(PDF_MAGIC):
            raise forms.ValidationError(
                _("PDF 파일이 아닙니다. 이 사이트에서 받은 수료증 PDF를 올려 주세요."),
                code="not_pdf",
            )
        return data
