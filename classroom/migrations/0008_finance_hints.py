"""The 금융인증서 in the hints, from the real pitfalls: the SMS that does not come (the
number typed is not the learner's), the PIN's rules and its 5 tries (then only 재발급),
and 자동연결 only on one's own device (said at the PIN step: the 발급 완료 page is the
공동인증서's too)."""

from django.db import migrations

HINTS = [
    (
        "cloud",
        "tip",
        "문자가 오지 않으면 입력한 휴대폰번호가 본인 명의 번호인지 확인하세요. 다른 번호로 간 "
        "문자에는 답장할 수 없습니다. 번호를 고친 뒤 '문자 다시 받기'를 누르세요.",
    ),
    (
        "cloud",
        "caution",
        "은행 화면에 표시된 숫자 2자리는 본인 휴대폰의 문자 답장으로만 보내세요. 전화로 이 "
        "숫자를 묻는 사람은 사기입니다.",
    ),
    (
        "pin",
        "caution",
        "금융인증서 비밀번호를 5회 잘못 입력하면 잠기고, 풀 수 없어 재발급해야 합니다. 생년월일, "
        "111·123 같은 쉬운 숫자는 쓸 수 없습니다.",
    ),
    (
        "pin",
        "tip",
        "발급 뒤 '이 기기에서 자동연결'은 본인만 쓰는 PC·스마트폰에서만 하세요. 공용 PC에서 "
        "했다면 인증서 관리의 '연결된 기기'에서 연결을 해제하세요.",
    ),
]


def load(apps, schema_editor):
    Hint = apps.get_model("classroom", "Hint")
    Hint.objects.bulk_create(
        Hint(step=step, kind=kind, text=text, order=20) for step, kind, text in HINTS
    )


def unload(apps, schema_editor):
    Hint = apps.get_model("classroom", "Hint")
    Hint.objects.filter(text__in=[text for _step, _kind, text in HINTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("classroom", "0007_finance_steps")]
    operations = [migrations.RunPython(load, unload)]
