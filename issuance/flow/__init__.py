"""The issuance flow (공동인증서 발급/재발급): its state machine (machine.py, the one
declaration of the steps and their edges), its writes (services.py), its reads
(selectors.py), its limits and messages, and its step pages (views.py)."""
