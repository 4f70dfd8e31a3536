"""manage.py personas [--json]: every persona's handout data (user ID, PINs, codes...)."""

import json

from django.core.management.base import BaseCommand

from accounts.personas import PERSONAS, handout


class Command(BaseCommand):
    help = "페르소나 안내문 자료를 출력합니다 (강사용 인쇄물, 테스트와 도구가 읽음)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")

    def handle(self, *args, **options):
        data = [handout(p) for p in PERSONAS]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for item in data:
            self.stdout.write(f"■ {item['name']} ({item['name_en']}) — {item['situation']}")
            self.stdout.write(f"  사용자 ID: {item['user_id']}   비밀번호: {item['password']}")
            self.stdout.write(f"  주민등록번호: {item['rrn']}   전화: {', '.join(item['phones'])}")
            member = "가입" if item["internet_banking_member"] else "미가입"
            self.stdout.write(f"  인터넷뱅킹: {member}")
            for account in item["accounts"]:
                flag = "" if account["internet_banking_registered"] else " (인터넷뱅킹 출금 미등록)"
                self.stdout.write(
                    f"  계좌 {account['number']} {account['product_name']} "
                    f"잔액 {account['balance']:,}원 비밀번호 {account['pin']}{flag}"
                )
            if card := item["security_card"]:
                codes = " ".join(f"{i + 1:02d}:{c}" for i, c in enumerate(card["codes"]))
                self.stdout.write(f"  보안카드 {card['serial']}: {codes}")
            if app := item["mobile_app"]:
                self.stdout.write(
                    f"  모바일 앱: {app['device']} v{app['version']} PIN {app['pin']}"
                )
            self.stdout.write("")
