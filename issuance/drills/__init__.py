"""금융사기 예방 연습 (scam drills): the calls, texts and fake pages that go after a
certificate holder, played safely on the virtual phone and the bank page."""
