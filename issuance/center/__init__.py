"""The certificate centre (인증센터): what a learner does with a certificate after
issuance. Today: the centre's home and 인증서 로그인 / 인증서 테스트."""
