"""The 보안 키패드 in the hints: how to type on it (사용자 확인, where a learner meets it
first), 키패드 재배열 안내 (보안매체 확인), and its letter pages (저장 위치 / 인증서 암호)."""

from django.db import migrations

HINTS = [
    (
        "identify",
        "tip",
        "보안 키패드 사용법: 숫자의 자리가 매번 바뀝니다. 칸을 누르면 열리는 키패드의 숫자를 "
        "눌러 입력하고 '입력완료'를 누르세요. 틀리면 '←'(한 자리) 또는 '전체삭제'를 누르세요.",
    ),
    (
        "medium",
        "tip",
        "키패드 재배열 안내: 숫자를 찾기 어려우면 '재배열'로 키를 다시 섞을 수 있습니다. "
        "재배열하면 입력한 숫자가 지워지니 처음부터 다시 누르세요. 키보드로 입력하려면 "
        "'보안키패드 사용'을 끄세요.",
    ),
    (
        "storage",
        "tip",
        "보안 키패드의 '대문자 (Shift)'·'특수문자'를 눌러 글자 종류를 바꿉니다. 키 사이의 빈칸은 "
        "누를 수 없는 칸입니다.",
    ),
]


def load(apps, schema_editor):
    Hint = apps.get_model("classroom", "Hint")
    Hint.objects.bulk_create(
        Hint(step=step, kind=kind, text=text, order=10) for step, kind, text in HINTS
    )


def unload(apps, schema_editor):
    Hint = apps.get_model("classroom", "Hint")
    Hint.objects.filter(text__in=[text for _step, _kind, text in HINTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("classroom", "0005_keypad")]
    operations = [migrations.RunPython(load, unload)]
