import os

# Qt aborts without a display unless told to render offscreen (FINDINGS.md).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
