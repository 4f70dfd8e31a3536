"""The virtual phone (/phone/): beside the bank page, in a second window, or on a
real smartphone paired by a QR code. Its inbox asks the other areas what it
must show (today: the issuance flow's ARS call, push approval and app update)."""
