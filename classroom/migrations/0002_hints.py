"""The seed document's advice for every step of the flow: 주의사항 and 회피 팁."""

from django.db import migrations

HINTS = {
    "prerequisites": [
        ("caution", "계좌가 없으면 발급할 수 없습니다. 본인 명의의 입출금 계좌가 있는지 먼저 확인하세요."),
        ("tip", "계좌 확인 후 진행: 인터넷뱅킹 가입과 출금계좌 등록을 미리 확인하세요."),
    ],
    "install": [
        ("caution", "설치 중 오류가 발생하면 설치 파일을 '저장'한 뒤 '실행'하여 다시 설치해야 합니다."),
        ("tip", "필요 프로그램 사전 설치: 발급 전에 보안프로그램을 미리 설치해 두면 시간을 아낄 수 있습니다."),
    ],
    "identify": [
        ("caution", "사용자 ID와 주민등록번호를 5회 틀리면 사용자 확인이 잠깁니다."),
        ("tip", "정확한 정보 입력: 지갑의 신분증을 보며 주민등록번호를 한 자리씩 확인하세요. ID가 기억나지 않으면 '아이디 조회'를 누르세요."),
    ],
    "terms": [
        ("caution", "필수 약관 네 가지에 모두 동의해야 다음 단계로 넘어갑니다. 범용 인증서는 수수료 4,400원이 출금됩니다."),
        ("tip", "기존 인증서 정보 확인: 같은 종류의 인증서가 있으면 재발급이 되어 이전 인증서는 폐지됩니다."),
    ],
    "ars": [
        ("caution", "전화가 오면 은행 화면에 보이는 2자리 번호를 휴대전화 키패드로 누르세요. 제한 시간이 있습니다."),
        ("tip", "모바일 인증 미리 준비하기: 휴대전화를 곁에 두고 등록된 번호로 전화를 받으세요."),
    ],
    "medium": [
        ("caution", "계좌비밀번호와 보안카드 번호를 5회 틀리면 잠기고, 영업점(강사)의 오류 해제가 필요합니다."),
        ("tip", "계좌 확인 후 진행: 인터넷뱅킹 출금계좌로 등록된 계좌를 고르고, 보안카드의 칸 번호와 앞·뒤 2자리를 잘 확인하세요."),
    ],
    "push": [
        ("caution", "모바일 인증 미리 준비하기: 은행 앱에서 인증 요청을 확인하고 PIN 6자리로 승인하세요. 내가 요청하지 않았다면 거부하세요."),
        ("tip", "앱 업데이트 확인: 앱이 구버전이면 '업데이트'를 먼저 하고 은행 화면에서 '다시 요청'을 누르세요."),
    ],
    "storage": [
        ("caution", "인증서 암호는 은행도 알 수 없습니다. 잊으면 재발급해야 합니다. 인증서 저장 후 비밀번호를 안전하게 관리하세요."),
        ("tip", "암호는 10자 이상으로 영문·숫자·특수문자를 섞고, 123·abc처럼 연속되거나 같은 글자는 피하세요."),
    ],
    "completed": [
        ("caution", "발급 완료 후 인증서 관리를 철저히 하세요. 추후 필요 시 재발급 절차를 숙지하세요."),
        ("tip", "인증서 활용 시 안전한 경로를 사용하세요: '인증서 로그인'으로 지금 바로 시험해 보세요."),
    ],
}


def load(apps, schema_editor):
    Hint = apps.get_model("classroom", "Hint")
    Hint.objects.bulk_create(
        Hint(step=step, kind=kind, text=text, order=order)
        for step, hints in HINTS.items()
        for order, (kind, text) in enumerate(hints)
    )


def unload(apps, schema_editor):
    apps.get_model("classroom", "Hint").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("classroom", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
