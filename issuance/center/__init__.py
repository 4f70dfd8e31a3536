"""The certificate centre (인증센터): what a learner does with a certificate after
issuance: 인증서 로그인 and every electronic signature, 인증서 관리, 갱신, 스마트폰
인증서 복사, 타기관 인증서 등록, 보안프로그램 설치."""
