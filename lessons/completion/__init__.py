"""The 수료증 (certificate of completion): the PDF (pdf.py), its signer (signer.py), its
issue (services.py) and its check (verify.py), forms for the pages (forms.py)."""
